/**
 * One child process of a table crowd (table-crowd.ts): joins its share of the crowd by their
 * personal links, connects each as a table bot (breakouts.ts), and answers the parent's
 * requests over IPC, one at a time. Run by `fork` with tsx, never by itself.
 */
import { dispose } from '@livekit/rtc-node';
import { aTableBot, type TableBot } from './breakouts.ts';
import { joinRoom } from './room.ts';

export type ToCrowdWorker =
  | { type: 'join'; url: string; sessionSlug: string; secrets: string[] }
  | { type: 'arrive'; targets: Record<string, string>; timeoutMs: number }
  | { type: 'leave' };

export type FromCrowdWorker =
  | { type: 'ready' }
  | { type: 'joined'; identities: string[] }
  /** When each bot arrived (Date.now()), in the order of `joined`'s identities. */
  | { type: 'arrived'; at: number[] }
  | { type: 'left' }
  | { type: 'failed'; message: string };

const send = (message: FromCrowdWorker, then?: () => void) => process.send?.(message, undefined, {}, then);
const bots: TableBot[] = [];

async function handle(message: ToCrowdWorker): Promise<FromCrowdWorker> {
  if (message.type === 'join') {
    const app = { url: message.url };
    // Five at a time: a burst of connects is what the open and the end make, not the joins.
    for (let i = 0; i < message.secrets.length; i += 5) {
      const joined = await Promise.all(
        message.secrets
          .slice(i, i + 5)
          .map(async (joinSecret) => aTableBot(await joinRoom(app, message.sessionSlug, { joinSecret }))),
      );
      bots.push(...joined);
    }
    return { type: 'joined', identities: bots.map((bot) => bot.identity) };
  }
  if (message.type === 'arrive') {
    await Promise.all(
      bots.map((bot) => {
        const target = message.targets[bot.identity];
        if (!target) throw new Error(`no place given for ${bot.identity}`);
        return bot.arrivedAt(target, message.timeoutMs);
      }),
    );
    return { type: 'arrived', at: bots.map((bot) => bot.lastArrival?.at ?? Number.NaN) };
  }
  await Promise.all(bots.map((bot) => bot.disconnect()));
  await dispose();
  return { type: 'left' };
}

process.on('message', (message: ToCrowdWorker) => {
  handle(message).then(
    (reply) => send(reply, reply.type === 'left' ? () => process.exit(0) : undefined),
    (error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
send({ type: 'ready' });
