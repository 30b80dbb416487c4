import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dispose } from '@livekit/rtc-node';
import { recordingDepsOf } from '@serambi/server/recordings/deps.ts';
import { recordingKeys } from '@serambi/server/recordings/store.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ask, nextQuestion } from '../support/qa.ts';
import { probeRecording } from '../support/recording-probe.ts';
import { aLiveStage, recordingsSeenBy, started, untilRecording, untilRunning } from '../support/recordings.ts';
import { type ConnectedClient, eventually, snapshotOf } from '../support/room.ts';
import type { PublishedSyntheticMedia } from '../support/synthetic-media.ts';

/** How many MP4 fragments ffmpeg has written to the file so far (each is playable once on disk). */
function fragmentsIn(file: string): number {
  try {
    return readFileSync(file).toString('latin1').split('moof').length - 1;
  } catch {
    return 0;
  }
}

/** The ffmpeg child of a recorder process (the recorder feeds it frames through pipes). */
function ffmpegOf(recorderPid: number): number {
  const pid = Number(execFileSync('pgrep', ['-P', String(recorderPid), '-x', 'ffmpeg'], { encoding: 'utf8' }).trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no ffmpeg under recorder ${recorderPid}`);
  return pid;
}

/**
 * recordings.test.ts kills the whole recorder group; here only its encoder dies, as when ffmpeg
 * crashes on its own. Live media on two cores: sensitive to CPU contention (slow, not flaky).
 */
describe('when the recorder’s encoder dies during a live session', () => {
  let app: TestApp;
  const clients: ConnectedClient[] = [];
  const media: PublishedSyntheticMedia[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const m of media) await m.stop().catch(() => undefined);
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await app?.stop();
    await dispose();
  });

  it('keeps the session and what was recorded, says the recording stopped, and records again', async () => {
    const { owner, session, host, viewer, audience } = await aLiveStage(app, clients, media);

    const recording = await started(host);
    await untilRunning(audience, recording.id);
    const raw = await app.context.recordingStore.scratchPath(recordingKeys(session.id, recording.id).raw);
    // Two fragments on disk: something worth keeping was recorded before the fault.
    await eventually(async () => fragmentsIn(raw) >= 2, 30_000);
    const recorderPid = recordingDepsOf(app.context).supervisor.pidOf(recording.id);
    if (!recorderPid) throw new Error('the recorder is not running');
    process.kill(ffmpegOf(recorderPid), 'SIGKILL');

    // Everyone is told the recording stopped, and the organizer sees why.
    await audience.nextEvent((e) => e.type === 'session.recording' && e.data.recording === null, 30_000);
    const failed = await untilRecording(
      owner,
      session.slug,
      (r) => r.id === recording.id && r.status === 'failed' && r.mediaUrl !== null,
    );
    expect(failed).toMatchObject({ partial: true, failure: 'ffmpeg_failed' });
    expect(failed.durationMs).toBeGreaterThan(0);
    // The kept part plays: it has both streams and a duration.
    const kept = await app.context.recordingStore.scratchPath(recordingKeys(session.id, recording.id).media);
    const probed = await probeRecording(kept);
    expect(probed.streams.map((s) => s.codecType).sort()).toEqual(['audio', 'video']);
    expect(probed.durationSeconds).toBeGreaterThan(0);

    // The live session went on: still live, the same people connected, Q&A still broadcast.
    expect((await snapshotOf(viewer)).session.status).toBe('live');
    expect(audience.room.isConnected).toBe(true);
    const question = await ask(viewer, 'Apakah rekamannya tetap tersimpan?');
    expect((await nextQuestion(audience, question.id)).text).toBe('Apakah rekamannya tetap tersimpan?');

    // A new recording starts as the next part; the partial one stays listed beside it.
    const again = await started(host);
    expect(again.id).not.toBe(recording.id);
    await untilRunning(audience, again.id);
    expect((await host.call('/recording/stop')).status).toBe(204);
    await untilRecording(owner, session.slug, (r) => r.id === again.id && r.status === 'ready');
    const listed = (await recordingsSeenBy(owner, session.slug)).recordings;
    expect(listed.map(({ id, part, partial }) => ({ id, part, partial }))).toEqual(
      expect.arrayContaining([
        { id: recording.id, part: 1, partial: true },
        { id: again.id, part: 2, partial: false },
      ]),
    );
  }, 120_000);
});
