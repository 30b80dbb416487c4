import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RecordingConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { storedSecret } from '../db/app-secrets.ts';
import type { Database } from '../db/client.ts';
import type { LiveKitGateway } from '../livekit/gateway.ts';
import { type RoomDeps, roomDepsOf } from '../room/deps.ts';
import { endCapture, markRecording, startRecording } from './lifecycle.ts';
import type { MediaLinks } from './links.ts';
import { type ResolveHost, resolveWithSystem } from './live-stream/destination.ts';
import { createStreamKeyCipher, type StreamKeyCipher } from './live-stream/key-cipher.ts';
import { reportStreamState, sessionIsLive, streamerExited } from './live-stream/service.ts';
import { createStreamerSupervisor, type StreamerSupervisor } from './live-stream/supervisor.ts';
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
  /** This process, as the owner of the recorders (and streamers) it runs. */
  instance: string;
  /** Live streams to RTMP servers: their streamers, the key cipher, and which hosts they may reach. */
  streaming: StreamingDeps;
  log: Logger;
  now: () => Date;
}

export interface StreamingDeps {
  supervisor: StreamerSupervisor;
  /** The stream keys' cipher, keyed by the app's `stream-keys` secret (made on first use). */
  keys: () => Promise<StreamKeyCipher>;
  /** Production: destinations must be public hosts (live-stream/destination.ts). */
  publicOnly: boolean;
  resolve: ResolveHost;
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
  let cipher: Promise<StreamKeyCipher> | undefined;
  const keys = () => {
    cipher ??= storedSecret(ctx.db, 'stream-keys').then(createStreamKeyCipher);
    return cipher;
  };
  // The supervisors report back through the services, whose functions take these deps (the
  // supervisors among them): they are called once recorders run, after `deps` is made.
  const deps: RecordingDeps = {
    ...base,
    streaming: {
      supervisor: createStreamerSupervisor(
        { ...base, keys },
        {
          state: (sessionId, report) => reportStreamState(deps, sessionId, report),
          exited: (sessionId, exit) => streamerExited(deps, sessionId, exit),
          isLive: (sessionId) => sessionIsLive(deps, sessionId),
        },
      ),
      keys,
      publicOnly: ctx.config.production,
      resolve: resolveWithSystem,
    },
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
