import type { Health } from '@serambi/shared';
import type { AppContext } from '../context.ts';

const CHECK_TIMEOUT_MS = 3_000;

/** Asks each part at once; a part that errors or takes too long counts as down. */
export async function checkHealth(ctx: Pick<AppContext, 'database' | 'livekit'>): Promise<Health> {
  const [db, livekit] = await Promise.all([
    withTimeout(ctx.database.ping().then(() => true)),
    withTimeout(ctx.livekit.isHealthy()),
  ]);
  return {
    status: db && livekit ? 'ok' : 'down',
    db: db ? 'ok' : 'down',
    livekit: livekit ? 'ok' : 'down',
  };
}

async function withTimeout(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
