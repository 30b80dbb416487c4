/**
 * A session's live stream to an RTMP(S) server: its destination (organizers), starting and
 * stopping it (moderators, from the console), and the states its streamer reports. Each change
 * is one room change (docs/conventions.md#one-function-per-state-change): it writes the row,
 * records the audit entry, and tells the session's moderators (a direct event, never the
 * audience); then the supervisor starts or stops the streamer.
 */
import type { LiveStream, PutStreamDestinationRequest, StreamDestinationAnswer } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../../room/caller.ts';
import { changeRoom, type EventDraft } from '../../room/events.ts';
import { authorizeInRoom } from '../../room/rules.ts';
import type { RoomParticipantRow } from '../../room/schema.ts';
import type { SessionRow } from '../../sessions/schema.ts';
import { sessionById } from '../../sessions/service.ts';
import type { RecordingDeps } from '../deps.ts';
import type { StreamerState } from '../recorder/protocol.ts';
import type { RecorderExit } from '../recorder/spawn.ts';
import { recordingRules } from '../rules.ts';
import { type LiveStreamRow, liveStreams } from '../schema.ts';
import { checkStreamHost, checkStreamKey, parseStreamAddress } from './destination.ts';
import { keyEnding } from './key-cipher.ts';
import { toLiveStream } from './state.ts';

/** A streamer whose instance has not written its heartbeat for this long is taken as gone (its instance died). */
const STALE_STREAM_MS = 30_000;

/** Who started or stopped the stream, for the audit log. */
export type StreamActor = { identity: string; name: string };

/** The streamer's own changes (live, failed) are written in the name of whoever started it. */
const SERAMBI: StreamActor = { identity: 'serambi', name: 'Serambi' };

async function streamRow(deps: Pick<RecordingDeps, 'db'>, sessionId: string): Promise<LiveStreamRow | undefined> {
  const [row] = await deps.db.select().from(liveStreams).where(eq(liveStreams.sessionId, sessionId));
  return row;
}

const destinationOf = (row: LiveStreamRow | undefined): StreamDestinationAnswer => ({
  destination:
    row?.address && row.keyCiphertext
      ? {
          address: row.address,
          keyEnding: row.keyEnding ?? '',
          updatedAt: (row.destinationUpdatedAt ?? row.stateAt).toISOString(),
        }
      : null,
});

const streamEvent = (row: LiveStreamRow, at: Date): EventDraft => ({
  type: 'session.stream',
  data: toLiveStream(row, at),
  to: 'moderators',
});

/** The destination as organizers see it (the key's ending only). */
export async function streamDestination(deps: RecordingDeps, session: SessionRow): Promise<StreamDestinationAnswer> {
  return destinationOf(await streamRow(deps, session.id));
}

/**
 * Saves where the session streams to; the key is sealed before it is written, and without a new
 * key the saved one stays. The address must be rtmp(s):// with a host and, in production, a
 * public one (destination.ts). Takes effect at the stream's next start.
 */
export async function saveStreamDestination(
  deps: RecordingDeps,
  session: SessionRow,
  request: PutStreamDestinationRequest,
): Promise<StreamDestinationAnswer> {
  const parsed = parseStreamAddress(request.address);
  const key = request.key === undefined ? undefined : checkStreamKey(request.key);
  const existing = await streamRow(deps, session.id);
  if (key === undefined && !existing?.keyCiphertext) {
    throw AppError.validation([{ path: 'key', message: 'validation.streamKeyRequired' }]);
  }
  await checkStreamHost(parsed.hostname, deps.streaming);
  const cipher = await deps.streaming.keys();
  const at = deps.now();
  const sealed = key === undefined ? {} : { keyCiphertext: cipher.seal(key, session.id), keyEnding: keyEnding(key) };
  const [row] = await deps.db
    .insert(liveStreams)
    .values({ sessionId: session.id, address: parsed.address, destinationUpdatedAt: at, stateAt: at, ...sealed })
    .onConflictDoUpdate({
      target: liveStreams.sessionId,
      set: { address: parsed.address, destinationUpdatedAt: at, ...sealed },
    })
    .returning();
  return destinationOf(row);
}

/** Forgets the destination and its key; refused while the stream runs (stop it first). */
export async function removeStreamDestination(deps: RecordingDeps, session: SessionRow): Promise<void> {
  const row = await streamRow(deps, session.id);
  if (row?.wanted) throw new AppError(409, 'stream_running', 'problems.streamRunning');
  await deps.db
    .update(liveStreams)
    .set({ address: null, keyCiphertext: null, keyEnding: null, destinationUpdatedAt: deps.now() })
    .where(eq(liveStreams.sessionId, session.id));
}

/** The stream's state, for the console. */
export async function liveStreamInRoom(
  deps: RecordingDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
): Promise<LiveStream> {
  authorizeInRoom(recordingRules, 'stream', moderator);
  return toLiveStream(await streamRow(deps, session.id), deps.now());
}

/** A moderator starts the stream from the console. */
export async function startLiveStreamInRoom(
  deps: RecordingDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
): Promise<LiveStream> {
  authorizeInRoom(recordingRules, 'stream', moderator);
  return startLiveStream(deps, session, moderator);
}

/** A moderator stops the stream from the console. */
export async function stopLiveStreamInRoom(
  deps: RecordingDeps,
  session: SessionRow,
  moderator: RoomParticipantRow,
): Promise<LiveStream> {
  authorizeInRoom(recordingRules, 'stream', moderator);
  return stopLiveStream(deps, session.id, moderator);
}

/**
 * Starts streaming the stage to the session's destination: only while the session is live and a
 * destination is set; starting twice returns the stream already running. This instance runs its
 * streamer (the row's `owner`).
 */
export async function startLiveStream(deps: RecordingDeps, session: SessionRow, by: StreamActor): Promise<LiveStream> {
  if (session.status !== 'live') throw new AppError(409, 'session_not_live', 'problems.streamSessionNotLive');
  const saved = await streamRow(deps, session.id);
  if (!saved?.address || !saved.keyCiphertext) {
    throw new AppError(409, 'stream_no_destination', 'problems.streamNoDestination');
  }
  // Running (here or on an instance that still beats): that one. One whose instance went quiet is taken over.
  const alive = saved.heartbeatAt && deps.now().getTime() - saved.heartbeatAt.getTime() < STALE_STREAM_MS;
  if (saved.wanted && alive) return toLiveStream(saved, deps.now());
  // DNS may have changed since it was saved: the address connected to now is checked now.
  await checkStreamHost(parseStreamAddress(saved.address).hostname, deps.streaming);
  let started: LiveStreamRow | undefined;
  await changeRoom(deps.room, session.id, async (tx) => {
    const at = deps.now();
    const [row] = await tx
      .update(liveStreams)
      .set({
        wanted: true,
        state: 'connecting',
        reason: null,
        retryInSeconds: null,
        stateAt: at,
        startedByIdentity: by.identity,
        startedByName: by.name,
        owner: deps.instance,
        heartbeatAt: at,
      })
      .where(eq(liveStreams.sessionId, session.id))
      .returning();
    if (!row) return [];
    started = row;
    await recordAudit(tx, {
      sessionId: session.id,
      at,
      action: 'stream_start',
      actor: by,
      detail: { destination: new URL(saved.address as string).host },
    });
    return [streamEvent(row, at)];
  });
  if (!started) throw AppError.conflict();
  await deps.streaming.supervisor.launch(started);
  return toLiveStream(started, deps.now());
}

/** Stops the stream (a moderator, or the session ending); stopping a stopped stream does nothing. */
export async function stopLiveStream(deps: RecordingDeps, sessionId: string, by: StreamActor): Promise<LiveStream> {
  let stopped: LiveStreamRow | undefined;
  await changeRoom(deps.room, sessionId, async (tx) => {
    const current = await lockedRow(tx, sessionId);
    if (!current?.wanted) {
      stopped = current;
      return [];
    }
    const at = deps.now();
    [stopped] = await tx
      .update(liveStreams)
      .set({ wanted: false, state: 'stopped', reason: null, retryInSeconds: null, stateAt: at, owner: null })
      .where(eq(liveStreams.sessionId, sessionId))
      .returning();
    await recordAudit(tx, { sessionId, at, action: 'stream_stop', actor: by });
    return stopped ? [streamEvent(stopped, at)] : [];
  });
  deps.streaming.supervisor.stop(sessionId);
  return toLiveStream(stopped, deps.now());
}

async function lockedRow(tx: Tx, sessionId: string): Promise<LiveStreamRow | undefined> {
  const [row] = await tx.select().from(liveStreams).where(eq(liveStreams.sessionId, sessionId)).for('update');
  return row;
}

/**
 * What the streamer said of its output: the team sees each state; the audit log gets the stream
 * going live and each new kind of failure (not every retry of the same one).
 */
export async function reportStreamState(
  deps: RecordingDeps,
  sessionId: string,
  report: { state: StreamerState; detail: string | null; retryInSeconds: number | null },
): Promise<void> {
  await changeRoom(deps.room, sessionId, async (tx) => {
    const current = await lockedRow(tx, sessionId);
    // Stopped meanwhile, or taken over by another instance: not this streamer's to say.
    if (!current?.wanted || current.owner !== deps.instance) return [];
    const at = deps.now();
    const reason = report.state === 'live' ? null : (report.detail ?? current.reason);
    const [row] = await tx
      .update(liveStreams)
      .set({ state: report.state, reason, retryInSeconds: report.retryInSeconds, stateAt: at })
      .where(eq(liveStreams.sessionId, sessionId))
      .returning();
    if (!row) return [];
    const actor =
      current.startedByIdentity && current.startedByName
        ? { identity: current.startedByIdentity, name: current.startedByName }
        : SERAMBI;
    if (report.state === 'live' && current.state !== 'live') {
      await recordAudit(tx, { sessionId, at, action: 'stream_live', actor });
    }
    if (report.state === 'failed' && (current.state === 'live' || current.reason !== report.detail)) {
      await recordAudit(tx, { sessionId, at, action: 'stream_failed', actor, detail: { reason: reason ?? '' } });
    }
    return [streamEvent(row, at)];
  });
}

/**
 * The streamer exited while its stream was wanted: a crash, or it lost the room. While the
 * session is live that is a failure the heartbeat recovers from (it starts a new streamer);
 * after the end, the stream is over.
 */
export async function streamerExited(deps: RecordingDeps, sessionId: string, exit: RecorderExit): Promise<void> {
  const row = await streamRow(deps, sessionId);
  if (!row?.wanted || row.owner !== deps.instance) return;
  if (!(await sessionIsLive(deps, sessionId))) {
    await stopLiveStream(deps, sessionId, SERAMBI);
    return;
  }
  await reportStreamState(deps, sessionId, {
    state: 'failed',
    detail: `the streamer stopped: ${exit.detail ?? `exit code ${exit.code}`}`,
    retryInSeconds: null,
  });
}

export async function sessionIsLive(deps: Pick<RecordingDeps, 'db'>, sessionId: string): Promise<boolean> {
  return (await sessionById(deps.db, sessionId))?.status === 'live';
}
