import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { dispose } from '@livekit/rtc-node';
import type { BackupManifest } from '@serambi/server/backup/manifest.ts';
import { DataDirInUseError } from '@serambi/server/db/data-dir-lock.ts';
import { knownMigrations } from '@serambi/server/db/migration-level.ts';
import { enqueueJob } from '@serambi/server/jobs/service.ts';
import { recordingDepsOf } from '@serambi/server/recordings/deps.ts';
import { maintainRecordings } from '@serambi/server/recordings/retention.ts';
import { recordings } from '@serambi/server/recordings/schema.ts';
import { recordingKeys } from '@serambi/server/recordings/store.ts';
import type {
  CertificateVerification,
  Certificate as IssuedCertificate,
  Material,
  RoomRecording,
  SessionMaterials,
} from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerWith } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { aPdf, uploadMaterial } from '../support/materials.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { ask } from '../support/qa.ts';
import { aLiveStage, replayAt, started, untilRecording, untilRunning } from '../support/recordings.ts';
import { type ConnectedClient, eventually, joinRoom } from '../support/room.ts';
import type { PublishedSyntheticMedia } from '../support/synthetic-media.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** `pnpm backup …` / `pnpm restore …` as an operator runs them: their own process, configured by `env` alone. */
function serambiCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/backup/cli.ts', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The environment of a Serambi on a new, empty DATA_DIR (and a new PostgreSQL database when `engine` is postgres). */
async function aNewPlace(engine: 'pglite' | 'postgres'): Promise<NodeJS.ProcessEnv & { DATA_DIR: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'serambi-restored-'));
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...(engine === 'postgres' ? { DATABASE_URL: await createTestDatabase() } : {}),
  };
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Unpacks an archive with the system's tar, as an operator looking into one would. */
async function unpacked(archive: string): Promise<{ dir: string; manifest: BackupManifest }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-unpacked-'));
  await run('tar', ['-xzf', archive, '-C', dir]);
  return { dir, manifest: JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest };
}

const theArchiveIn = (dir: string) => {
  const [name] = readdirSync(dir).filter((file) => file.endsWith('.tar.gz'));
  if (!name) throw new Error(`no archive in ${dir}: ${readdirSync(dir).join(', ')}`);
  return path.join(dir, name);
};

// rtc-node's runtime is disposed once, after every describe of the file.
afterAll(async () => {
  await dispose();
});

describe.each(['pglite', 'postgres'] as const)('a backup of a Serambi on %s, taken during a live session', (engine) => {
  let original: TestApp;
  let restored: TestApp;
  let restoredEnv: NodeJS.ProcessEnv & { DATA_DIR: string };
  let archive: string;
  const clients: ConnectedClient[] = [];
  const media: PublishedSyntheticMedia[] = [];
  const scratch: string[] = [];
  let live: Awaited<ReturnType<typeof aLiveStage>>;
  let questionText: string;
  let finished: RoomRecording;
  let finishedFile: string;
  let replayUrl: string;
  let capturing: RoomRecording;
  let certificate: IssuedCertificate;
  const slides = aPdf();
  let material: Material;

  beforeAll(async () => {
    original = await startTestApp({ database: engine });
    live = await aLiveStage(original, clients, media);
    const sessionId = live.session.id;
    questionText = 'Bagaimana memulai usaha digital dari nol?';
    await ask(live.viewer, questionText);

    // A recording made and finished, and a second one still being captured when the backup runs.
    const recordingFile = async (id: string, file: 'raw' | 'media') =>
      original.context.recordingStore.scratchPath(recordingKeys(sessionId, id)[file]);
    const capturedSomething = async (id: string) =>
      eventually(
        async () => ((await original.context.recordingStore.size(recordingKeys(sessionId, id).raw)) ?? 0) > 20_000,
        30_000,
      );
    finished = await started(live.host);
    await untilRunning(live.audience, finished.id);
    await capturedSomething(finished.id);
    expect((await live.host.call('/recording/stop')).status).toBe(204);
    await untilRecording(live.owner, live.session.slug, (r) => r.id === finished.id && r.status === 'ready');
    finishedFile = await recordingFile(finished.id, 'media');
    const replay = await replayAt(original.url, `/api/registrations/${live.secret}/replay`);
    replayUrl = replay.parts[0]?.mediaUrl ?? '';
    expect(replayUrl).not.toBe('');
    capturing = await started(live.host);
    await untilRunning(live.audience, capturing.id);
    await capturedSomething(capturing.id);

    const issued = await live.owner.request(`/api/sessions/${live.session.slug}/certificates`, {
      method: 'POST',
      body: { name: 'Budi Santoso', email: 'budi.santoso@example.id', notify: false },
    });
    expect(issued.status).toBe(201);
    certificate = (await issued.json()) as IssuedCertificate;

    const uploaded = await uploadMaterial(original.url, live.owner, live.session.slug, 'Salindia Sesi.pdf', slides);
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    material = (await uploaded.json()) as Material;

    const out = mkdtempSync(path.join(os.tmpdir(), 'serambi-backups-'));
    scratch.push(out);
    const backup = await serambiCommand(['backup', out], original.env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    archive = theArchiveIn(out);

    restoredEnv = await aNewPlace(engine);
    scratch.push(restoredEnv.DATA_DIR);
    const restore = await serambiCommand(['restore', archive], restoredEnv);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    restored = await startTestApp({
      dataDir: restoredEnv.DATA_DIR,
      ...(restoredEnv.DATABASE_URL ? { databaseUrl: restoredEnv.DATABASE_URL } : {}),
    });
  }, 240_000);

  afterAll(async () => {
    for (const m of media) await m.stop().catch(() => undefined);
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await restored?.stop();
    await original?.stop();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('is one archive only its owner may read, whose manifest lists every file with its checksum', async () => {
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const { dir, manifest } = await unpacked(archive);
    scratch.push(dir);
    expect(manifest).toMatchObject({
      format: 'serambi-backup',
      formatVersion: 2,
      database: { engine, migration: { applied: knownMigrations().length, latest: knownMigrations().at(-1)?.tag } },
      authSecret: 'database',
    });
    const listed = manifest.files.map((file) => file.path).sort();
    const keysOf = (id: string) => recordingKeys(live.session.id, id);
    expect(listed).toEqual(
      expect.arrayContaining([
        engine === 'pglite' ? 'database/pglite.tar' : 'database/postgres.pgdump',
        'data/livekit-keys.json',
        `recordings/${keysOf(finished.id).media}`,
        `recordings/${keysOf(capturing.id).raw}`,
      ]),
    );
    for (const file of manifest.files) {
      const extracted = path.join(dir, file.path);
      expect({ path: file.path, size: statSync(extracted).size, sha256: sha256Of(extracted) }).toEqual({
        path: file.path,
        size: file.size,
        sha256: file.sha256,
      });
    }
    const replayEntry = manifest.files.find((file) => file.path === `recordings/${keysOf(finished.id).media}`);
    expect(replayEntry?.sha256).toBe(sha256Of(finishedFile));
    const captureEntry = manifest.files.find((file) => file.path === `recordings/${keysOf(capturing.id).raw}`);
    expect(captureEntry?.inProgress).toBe(true);
    expect(replayEntry?.inProgress).toBeUndefined();
    const materialEntries = manifest.files.filter((file) => file.path.startsWith('materials/'));
    expect(materialEntries.map((file) => file.sha256)).toEqual([createHash('sha256').update(slides).digest('hex')]);
  });

  it('comes back on a new machine with its communities, sessions, registrations and questions', async () => {
    const community = await fetch(`${restored.url}/api/communities/${live.community.slug}`);
    expect(community.status).toBe(200);
    expect(await community.json()).toMatchObject({ name: 'Komunitas Ruang' });
    const session = await fetch(`${restored.url}/api/sessions/${live.session.slug}`);
    expect(await session.json()).toMatchObject({ id: live.session.id, status: 'live' });
    // The registrant's personal link, derived with the key in the database, still lets them in.
    const viewer = await joinRoom(restored, live.session.slug, { joinSecret: live.secret });
    expect(viewer.join.snapshot.me.name).toBe('Budi Santoso');
    expect(viewer.join.snapshot.qa.questions.map((q) => q.text)).toEqual([questionText]);
    // The organizer's sign-in (a database session, signed with the stored secret) still holds.
    const organizer = callerWith(restored.url, live.owner.email, live.owner.cookie);
    const registrants = await organizer.request(`/api/sessions/${live.session.slug}/registrants`);
    expect(registrants.status).toBe(200);
  });

  it('keeps the finished recording: the link signed before the backup plays the same file', async () => {
    const played = await fetch(`${restored.url}${replayUrl}`);
    expect(played.status).toBe(200);
    const bytes = Buffer.from(await played.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256Of(finishedFile));
  });

  it('finishes the recording that was being captured, with what it had captured', async () => {
    await restored.context.db
      .update(recordings)
      .set({ heartbeatAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(recordings.id, capturing.id));
    await maintainRecordings(recordingDepsOf(restored.context));
    const closed = await untilRecording(
      callerWith(restored.url, live.owner.email, live.owner.cookie),
      live.session.slug,
      // Closed, and its finishing job done (progress is 0 until then).
      (r) => r.id === capturing.id && r.status === 'failed' && r.progress === null,
    );
    expect(closed).toMatchObject({ failure: 'interrupted', partial: true });
    expect(closed.mediaUrl).not.toBeNull();
    expect(closed.durationMs).toBeGreaterThan(0);
  });

  it('takes a recording finished after the database was copied, before its files were, for finished', async () => {
    // What such a backup brings back: the database says "processing", the files hold its replay and no capture.
    const [row] = await restored.context.db
      .insert(recordings)
      .values({
        sessionId: live.session.id,
        part: 9,
        status: 'processing',
        backend: 'builtin',
        startedAt: new Date(Date.now() - 60_000),
        endedAt: new Date(),
      })
      .returning();
    if (!row) throw new Error('no recording row');
    const replayFile = await restored.context.recordingStore.scratchPath(recordingKeys(live.session.id, row.id).media);
    copyFileSync(finishedFile, replayFile);
    await enqueueJob(restored.context.db, {
      kind: 'recording-finish',
      payload: { recordingId: row.id },
      runAt: restored.context.now(),
      maxAttempts: 1,
    });
    const done = await untilRecording(
      callerWith(restored.url, live.owner.email, live.owner.cookie),
      live.session.slug,
      (r) => r.id === row.id && r.status !== 'processing',
    );
    expect(done).toMatchObject({ status: 'ready', partial: false, sizeBytes: statSync(finishedFile).size });
  });

  it('keeps the material uploaded to the session: the same bytes in the materials folder, downloadable from a new link', async () => {
    const organizer = callerWith(restored.url, live.owner.email, live.owner.cookie);
    const listed = await organizer.request(`/api/sessions/${live.session.slug}/materials`);
    expect(listed.status).toBe(200);
    const [back] = ((await listed.json()) as SessionMaterials).materials;
    expect(back).toMatchObject({ id: material.id, name: 'Salindia Sesi.pdf', kind: 'pdf', sizeBytes: slides.length });
    const download = await fetch(`${restored.url}${back?.downloadUrl}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(slides)).toBe(true);
    const onDisk = readdirSync(path.join(restoredEnv.DATA_DIR, 'materials'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(path.join(entry.parentPath, entry.name)));
    expect(onDisk).toHaveLength(1);
    expect(onDisk[0]?.equals(slides)).toBe(true);
  });

  it('keeps the issued certificate: its number verifies publicly', async () => {
    const verified = await fetch(`${restored.url}/api/certificates/verify/${encodeURIComponent(certificate.number)}`);
    expect(verified.status).toBe(200);
    expect((await verified.json()) as CertificateVerification).toMatchObject({
      number: certificate.number,
      status: 'valid',
      name: 'Budi Santoso',
    });
  });

  it('restores over a data folder or database that holds something only when told to (--force)', async () => {
    const target = await aNewPlace(engine);
    scratch.push(target.DATA_DIR);
    expect((await serambiCommand(['restore', archive], target)).code).toBe(0);
    const again = await serambiCommand(['restore', archive], target);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('add --force to replace what is there');
    const forced = await serambiCommand(['restore', archive, '--force'], target);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('(--force)');
  });
});

describe('backups of PGlite, which one process at a time may open', () => {
  let app: TestApp;
  let archive: string;
  const scratch: string[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    const out = mkdtempSync(path.join(os.tmpdir(), 'serambi-backups-'));
    scratch.push(out);
    expect((await serambiCommand(['backup', out], app.env)).code).toBe(0);
    archive = theArchiveIn(out);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('does not restore into the DATA_DIR of a running Serambi, even with --force', async () => {
    const refused = await serambiCommand(['restore', archive, '--force'], app.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `DATA_DIR ${app.env.DATA_DIR} is in use by a running Serambi (pid ${process.pid}): stop it first, or use another DATA_DIR.`,
    );
  });

  it('does not start a second Serambi on a DATA_DIR in use', async () => {
    await expect(startTestApp({ dataDir: app.env.DATA_DIR })).rejects.toThrow(DataDirInUseError);
    // The first one still answers, its folder untouched.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });

  it('copies a stopped Serambi by opening its database itself', async () => {
    const target = await aNewPlace('pglite');
    scratch.push(target.DATA_DIR);
    expect((await serambiCommand(['restore', archive], target)).code).toBe(0);
    const out = mkdtempSync(path.join(os.tmpdir(), 'serambi-backups-'));
    scratch.push(out);
    const backup = await serambiCommand(['backup', out], target);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('copied directly (Serambi is not running)');
    const { dir, manifest } = await unpacked(theArchiveIn(out));
    scratch.push(dir);
    expect(manifest.database.migration.latest).toBe(knownMigrations().at(-1)?.tag);
  });

  it('refuses an archive whose file does not match its checksum, and restores nothing from it', async () => {
    const { dir, manifest } = await unpacked(archive);
    scratch.push(dir);
    const keys = path.join(dir, 'data', 'livekit-keys.json');
    const original = readFileSync(keys, 'utf8');
    writeFileSync(keys, original.replace(/"apiSecret": "./, '"apiSecret": "#'));
    expect(sha256Of(keys)).not.toBe(manifest.files.find((file) => file.path === 'data/livekit-keys.json')?.sha256);
    const tampered = path.join(dir, 'tampered.tar.gz');
    await run('tar', ['-czf', tampered, '-C', dir, ...manifest.files.map((file) => file.path), 'manifest.json']);
    const target = await aNewPlace('pglite');
    scratch.push(target.DATA_DIR);
    const refused = await serambiCommand(['restore', tampered], target);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `${tampered} is not a Serambi backup or is damaged: data/livekit-keys.json does not match its checksum. Use another copy of the backup.`,
    );
    expect(readdirSync(target.DATA_DIR)).toEqual([]);
  });
});
