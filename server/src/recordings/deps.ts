import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RecordingConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { type RoomDeps, roomDepsOf } from '../room/deps.ts';
import { endCapture, markRecording, startRecording } from './lifecycle.ts';
import type { MediaLinks } from './links.ts';
import { maintainRecordings } from './retention.ts';
import type { RecordingStore } from './store.ts';
import { createRecorderSupervisor, type RecorderSupervisor } from './supervisor.ts';

/** What the recording capability uses, built once per app context (it owns recorder processes). */
export interface RecordingDeps {
  db: Database;
  livekit: LiveKitGateway;
  /** The room's broadcaster and lock: recording changes are room events. */
  room: RoomDeps;
  store: RecordingStore;
  links: MediaLinks;
  config: RecordingConfig;
  /** Runs the built-in recorders of this instance. */
  supervisor: RecorderSupervisor;
  /** This process, as the owner of the recorders it runs. */
  instance: string;
  log: Logger;
  now: () => Date;
}

type RecordingContext = Pick<
  AppContext,
  'db' | 'livekit' | 'roomTickets' | 'roomParts' | 'log' | 'now' | 'config' | 'recordingStore' | 'mediaLinks'
>;
const built = new WeakMap<RecordingContext, RecordingDeps>();

export function recordingDepsOf(ctx: RecordingContext): RecordingDeps {
  const known = built.get(ctx);
  if (known) return known;
  const log = ctx.log.child({ part: 'recording' });
  const base = {
    db: ctx.db,
    livekit: ctx.livekit,
    room: roomDepsOf(ctx),
    store: ctx.recordingStore,
    links: ctx.mediaLinks,
    config: ctx.config.recording,
    instance: randomUUID(),
    log,
    now: ctx.now,
  };
  // The supervisor reports back through the service, whose functions take these deps (the
  // supervisor among them): they are called once recorders run, after `deps` is made.
  const deps: RecordingDeps = {
    ...base,
    supervisor: createRecorderSupervisor(base, {
      mediaStarted: (recordingId, at) => markRecording(deps, recordingId, at),
      ended: (recordingId, outcome) => endCapture(deps, recordingId, outcome),
      maintain: () => maintainRecordings(deps),
      startNextPart: (session) => startRecording(deps, session, null),
    }),
  };
  built.set(ctx, deps);
  return deps;
}
