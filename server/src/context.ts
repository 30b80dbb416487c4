import type { Logger } from 'pino';
import type { Auth } from './accounts/auth.ts';
import type { AttendanceReportOf } from './certificates/eligibility.ts';
import type { Config } from './config.ts';
import type { Database, DatabaseHandle } from './db/client.ts';
import type { AppMetrics } from './health/metrics.ts';
import type { MailLimits } from './http/mail-limits.ts';
import type { LiveKitGateway } from './livekit/gateway.ts';
import type { SignallingProxy } from './livekit/signalling-proxy.ts';
import type { LiveKitEvents } from './livekit/webhook-routes.ts';
import type { MaterialLinks } from './materials/links.ts';
import type { Mailer } from './notifications/mailer.ts';
import type { MediaLinks } from './recordings/links.ts';
import type { RecordingStore } from './recordings/store.ts';
import type { JoinLinks } from './registrations/link-secrets.ts';
import type { RoomParts } from './room/parts.ts';
import type { RoomTickets } from './room/tickets.ts';
import type { SessionParts } from './sessions/parts.ts';
import type { FileStore } from './storage/file-store.ts';

/** Everything services depend on, built once at start and passed down explicitly. */
export interface AppContext {
  config: Config;
  db: Database;
  database: Pick<DatabaseHandle, 'engine' | 'ping'>;
  auth: Auth;
  mailer: Mailer;
  /** Who may have mail sent (or records made) for someone, how often: counted across instances. */
  mailLimits: MailLimits;
  /** Derives and checks registrants' personal join links. */
  links: JoinLinks;
  livekit: LiveKitGateway;
  /** LiveKit's signalling on our own origin, when Serambi runs LiveKit for the public (production). */
  signalling?: SignallingProxy | undefined;
  /** Signs and checks the live room's bearer tickets. */
  roomTickets: RoomTickets;
  /** What live-room capabilities add to the room (snapshot parts, coalesced counts): the room core knows none of them. */
  roomParts: RoomParts;
  /** What registrations and series add to a session (seat counts, series titles and default people): sessions know neither. */
  sessionParts: SessionParts;
  /** A session's attendance report, composed with the feedback it counts (certificates' rules read it). */
  attendanceReportOf: AttendanceReportOf;
  /** Where recordings are kept (DATA_DIR/recordings unless configured). */
  recordingStore: RecordingStore;
  /** Signs and checks the short-lived addresses of recordings' files. */
  mediaLinks: MediaLinks;
  /** Where sessions' materials (slides, files) are kept (DATA_DIR/materials unless configured). */
  materialStore: FileStore;
  /** Signs and checks the short-lived download addresses of materials. */
  materialLinks: MaterialLinks;
  /** LiveKit's webhooks, verified, for capabilities to subscribe to. */
  liveKitEvents: LiveKitEvents;
  /** This instance's Prometheus metrics (GET /metrics). */
  metrics: AppMetrics;
  log: Logger;
  /** The time; injected so tests can move it. */
  now: () => Date;
}
