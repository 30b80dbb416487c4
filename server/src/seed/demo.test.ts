import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../accounts/auth.ts';
import { communities } from '../communities/schema.ts';
import { storedSecret } from '../db/app-secrets.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { freeTcpPort } from '../net/free-port.ts';
import { registrations } from '../registrations/schema.ts';
import { sessionPeople, sessions } from '../sessions/schema.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

describe('pnpm seed:demo', () => {
  let dataDir: string;
  let first: string;
  let second: string;
  let database: DatabaseHandle;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'serambi-seed-'));
    // A free port: the check for a running Serambi must not find a developer's own one on 3000.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(await freeTcpPort()),
      NODE_ENV: 'development',
      DATABASE_URL: '',
      SMTP_URL: '',
      PUBLIC_URL: '',
    };
    const seed = async () =>
      (await run('node', ['--import', 'tsx', 'server/src/seed/demo.ts'], { cwd: repoRoot, env })).stdout;
    first = await seed();
    second = await seed();
    database = await openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where to look and how to sign in', () => {
    expect(first).toMatch(/Community page +http:\/\/localhost:\d+\/c\/bisnis-bali/);
    expect(first).toMatch(
      /First session +http:\/\/localhost:\d+\/s\/sharing-online-1-[a-z0-9]+ +\(30 registered, 10 waitlisted\)/,
    );
    expect(first).toMatch(/Dashboard +http:\/\/localhost:\d+\/manage\/bisnis-bali/);
    expect(first).toMatch(/Dev outbox +http:\/\/localhost:\d+\/dev\/outbox/);
    expect(first).toMatch(/Sign in at +http:\/\/localhost:\d+\/signin\n +Email +demo@serambi\.local/);
  });

  it('fills the database once: a second run says so and adds nothing', async () => {
    expect(second).toMatch(/^Already seeded/);
    const [community] = await database.db.select().from(communities).where(eq(communities.slug, 'bisnis-bali'));
    const rows = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.communityId, community?.id ?? ''))
      .orderBy(sessions.seriesNumber);
    expect(rows.map((s) => s.title)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Sharing Online #${n}`));
    expect(rows.every((s) => s.timeZone === 'Asia/Makassar' && s.capacity === 30)).toBe(true);
    // Sundays at 20.00 WITA.
    expect(rows.every((s) => s.startsAt.getUTCDay() === 0 && s.startsAt.getUTCHours() === 12)).toBe(true);

    const statuses = await database.db
      .select({ status: registrations.status, n: count() })
      .from(registrations)
      .groupBy(registrations.status);
    expect(Object.fromEntries(statuses.map((s) => [s.status, s.n]))).toEqual({ registered: 30, waitlisted: 10 });
    const [people] = await database.db.select({ n: count() }).from(sessionPeople);
    expect(people?.n).toBe(12);
  });

  it('the printed password signs the organizer in', async () => {
    const password = /Password +(\S+)/.exec(first)?.[1] ?? '';
    const auth = createAuth({
      db: database.db,
      publicUrl: 'http://localhost:3000',
      secret: await storedSecret(database.db, 'auth'),
      rateLimit: false,
      sendAccountMail: async () => {},
    });
    const signedIn = await auth.api.signInEmail({ body: { email: 'demo@serambi.local', password } });
    expect(signedIn.user.email).toBe('demo@serambi.local');
  });
});
