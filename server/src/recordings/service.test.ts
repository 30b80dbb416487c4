import { describe, expect, it } from 'vitest';
import { createLinkSigner } from '../storage/signed-links.ts';
import type { RecordingDeps } from './deps.ts';
import { createMediaLinks } from './links.ts';
import type { RecordingRow } from './schema.ts';
import { toRecording } from './service.ts';

const now = new Date('2026-12-07T12:00:00Z');
const links = createMediaLinks(createLinkSigner('a-secret-of-at-least-thirty-two-bytes!'));
const deps = { now: () => now, links } as RecordingDeps;
const tokenOf = (url: string | null) => new URL(url ?? '', 'http://x').searchParams.get('token') ?? undefined;

/** Part 1 of a session's recording, started by Ayu, finished and ready to watch. */
const aRecording = (changes: Partial<RecordingRow> = {}): RecordingRow => ({
  id: 'r1',
  sessionId: 's1',
  part: 1,
  status: 'ready',
  backend: 'builtin',
  partial: false,
  failure: null,
  failureDetail: null,
  startedByIdentity: 'u_ayu',
  startedByName: 'Ayu Lestari',
  startedAt: new Date('2026-12-07T10:00:00Z'),
  mediaStartedAt: new Date('2026-12-07T10:00:02Z'),
  endedAt: new Date('2026-12-07T11:00:00Z'),
  owner: null,
  heartbeatAt: null,
  egressId: null,
  rawKey: null,
  mediaKey: 's1/r1/replay.mp4',
  posterKey: 's1/r1/poster.jpg',
  durationMs: 3_598_000,
  sizeBytes: 512_000_000,
  progress: null,
  expiresAt: new Date('2027-01-06T10:00:00Z'),
  createdAt: new Date('2026-12-07T10:00:00Z'),
  updatedAt: new Date('2026-12-07T11:05:00Z'),
  ...changes,
});

describe('a recording as organizers see it', () => {
  it('starts at its first frame, not when it was asked to start', () => {
    expect(toRecording(deps, aRecording()).startedAt).toBe('2026-12-07T10:00:02.000Z');
    expect(toRecording(deps, aRecording({ mediaStartedAt: null })).startedAt).toBe('2026-12-07T10:00:00.000Z');
  });

  it('gives signed addresses to play, show and download a finished one, each for its own purpose', () => {
    const view = toRecording(deps, aRecording());
    expect(view.mediaUrl).toMatch(/^\/api\/recordings\/r1\/media\?token=/);
    expect(view.posterUrl).toMatch(/^\/api\/recordings\/r1\/poster\?token=/);
    expect(view.downloadUrl).toMatch(/^\/api\/recordings\/r1\/download\?token=/);
    expect(links.check('r1', 'play', tokenOf(view.mediaUrl), now)).toBe(true);
    expect(links.check('r1', 'download', tokenOf(view.downloadUrl), now)).toBe(true);
    expect(links.check('r1', 'download', tokenOf(view.mediaUrl), now)).toBe(false);
  });

  it('has no addresses while it is still being recorded or finished, and no poster when none was made', () => {
    const processing = toRecording(deps, aRecording({ status: 'processing', mediaKey: null, posterKey: null }));
    expect(processing).toMatchObject({ mediaUrl: null, posterUrl: null, downloadUrl: null });
    const noPoster = toRecording(deps, aRecording({ posterKey: null }));
    expect(noPoster.posterUrl).toBeNull();
    expect(noPoster.mediaUrl).not.toBeNull();
  });

  it('names who started it, and says nothing of who when the series started it by itself', () => {
    expect(toRecording(deps, aRecording()).startedBy).toBe('Ayu Lestari');
    expect(toRecording(deps, aRecording({ startedByIdentity: null, startedByName: null })).startedBy).toBeNull();
  });

  it('says why a failed one failed, whether part of it is worth watching, and when it will be deleted', () => {
    const failed = toRecording(deps, aRecording({ status: 'failed', failure: 'recorder_crashed', partial: true }));
    expect(failed).toMatchObject({
      status: 'failed',
      failure: 'recorder_crashed',
      partial: true,
      expiresAt: '2027-01-06T10:00:00.000Z',
    });
    expect(toRecording(deps, aRecording({ expiresAt: null })).expiresAt).toBeNull();
  });

  it('shows the finishing job’s progress, and leaves the end out while it runs', () => {
    const running = toRecording(
      deps,
      aRecording({ status: 'recording', endedAt: null, mediaKey: null, progress: null }),
    );
    expect(running.endedAt).toBeNull();
    expect(toRecording(deps, aRecording({ status: 'processing', progress: 0.4 })).progress).toBe(0.4);
  });
});
