import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../accounts/auth.ts';
import { certificates } from '../certificates/schema.ts';
import { communities } from '../communities/schema.ts';
import { attendanceReportOf } from '../compose.ts';
import { storedSecret } from '../db/app-secrets.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { feedbackResponses } from '../feedback/schema.ts';
import { freeTcpPort } from '../net/free-port.ts';
import { questions } from '../qa/schema.ts';
import { registrations } from '../registrations/schema.ts';
import { series } from '../series/schema.ts';
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
    expect(first).toMatch(
      /Session report +http:\/\/localhost:\d+\/manage\/bisnis-bali\/sessions\/kelas-digital-umkm-4-[a-z0-9]+\/report/,
    );
    expect(first).toMatch(
      /Series report +http:\/\/localhost:\d+\/manage\/bisnis-bali\/series\/[0-9a-f-]+\/report +\(4 sessions held\)/,
    );
    expect(first).toMatch(/Dev outbox +http:\/\/localhost:\d+\/dev\/outbox/);
    expect(first).toMatch(/Sign in at +http:\/\/localhost:\d+\/signin\n +Email +demo@serambi\.local/);
  });

  it('fills the database once: a second run says so and adds nothing', async () => {
    expect(second).toMatch(/^Already seeded/);
    const [community] = await database.db.select().from(communities).where(eq(communities.slug, 'bisnis-bali'));
    const [weekly] = await database.db.select().from(series).where(eq(series.title, 'Sharing Online'));
    const rows = await database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.communityId, community?.id ?? ''), eq(sessions.seriesId, weekly?.id ?? '')))
      .orderBy(sessions.seriesNumber);
    expect(rows.map((s) => s.title)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Sharing Online #${n}`));
    expect(rows.every((s) => s.timeZone === 'Asia/Makassar' && s.capacity === 30)).toBe(true);
    // Sundays at 20.00 WITA.
    expect(rows.every((s) => s.startsAt.getUTCDay() === 0 && s.startsAt.getUTCHours() === 12)).toBe(true);

    const statuses = await database.db
      .select({ status: registrations.status, n: count() })
      .from(registrations)
      .where(eq(registrations.sessionId, rows[0]?.id ?? ''))
      .groupBy(registrations.status);
    expect(Object.fromEntries(statuses.map((s) => [s.status, s.n]))).toEqual({ registered: 30, waitlisted: 10 });
    const [people] = await database.db
      .select({ n: count() })
      .from(sessionPeople)
      .where(
        inArray(
          sessionPeople.sessionId,
          rows.map((s) => s.id),
        ),
      );
    expect(people?.n).toBe(12);
  });

  it('adds a series that already ran, with attendance, feedback and certificates for its reports', async () => {
    const [history] = await database.db.select().from(series).where(eq(series.title, 'Kelas Digital UMKM'));
    const held = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.seriesId, history?.id ?? ''))
      .orderBy(sessions.seriesNumber);
    expect(held.map((s) => s.status)).toEqual(['ended', 'ended', 'ended', 'ended', 'scheduled']);

    const latest = held[3];
    const report = await attendanceReportOf({ db: database.db, now: () => new Date() }, latest?.id ?? '');
    expect(report.attended).toBeGreaterThan(5);
    expect(report.registered).toBeGreaterThan(report.attended);
    expect(report.timeline.length).toBeGreaterThanOrEqual(50);
    expect(report.peakViewers).toBeGreaterThan(0);
    // Someone reconnected or came on two devices, and the team is listed with its roles.
    expect(report.people.some((person) => person.connections > 1)).toBe(true);
    expect(new Set(report.people.map((person) => person.role))).toEqual(
      new Set(['participant', 'speaker', 'moderator']),
    );
    expect(report.people.some((person) => person.gaveFeedback)).toBe(true);

    const [feedback] = await database.db
      .select({ n: count() })
      .from(feedbackResponses)
      .where(eq(feedbackResponses.sessionId, latest?.id ?? ''));
    expect(feedback?.n).toBeGreaterThan(0);
    const [asked] = await database.db
      .select({ n: count() })
      .from(questions)
      .where(eq(questions.sessionId, latest?.id ?? ''));
    expect(asked?.n).toBe(8);

    const issued = await database.db
      .select({ status: certificates.status, origin: certificates.origin, mailedAt: certificates.mailedAt })
      .from(certificates)
      .where(eq(certificates.sessionId, latest?.id ?? ''));
    const byStatus = (status: string) => issued.filter((row) => row.status === status).length;
    expect(byStatus('valid')).toBeGreaterThan(5);
    expect(byStatus('replaced')).toBe(1);
    expect(byStatus('revoked')).toBe(1);
    expect(issued.filter((row) => row.origin === 'manual')).toHaveLength(2);
    // Nothing is waiting to be mailed: the demo's certificates went out long ago.
    expect(issued.every((row) => row.mailedAt !== null)).toBe(true);
    const seriesCertificates = await database.db
      .select()
      .from(certificates)
      .where(eq(certificates.seriesId, history?.id ?? ''));
    expect(seriesCertificates.length).toBeGreaterThan(0);
  });

  it('the printed password signs the organizer in', async () => {
    const password = /Password +(\S+)/.exec(first)?.[1] ?? '';
    const auth = createAuth({
      db: database.db,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      secret: await storedSecret(database.db, 'auth'),
      rateLimit: false,
      sendAccountMail: async () => {},
    });
    const signedIn = await auth.api.signInEmail({ body: { email: 'demo@serambi.local', password } });
    expect(signedIn.user.email).toBe('demo@serambi.local');
  });
});
