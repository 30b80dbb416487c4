import type { JoinRoomResult } from '@serambi/shared';
import { ApiProblem } from '../../api/problem.ts';
import { preferredLocale } from '../../i18n/locale-preference.ts';
import type { LiveKitTarget } from './create-room-connection.ts';
import type { EarlyLiveRoom } from './early-live-room.ts';

/**
 * A personal link opened straight into the room (`/j/:secret/live`, the address in the mails):
 * before the app's own code has arrived (room.html runs this module first, early-room.ts), it
 * joins by the link alone (the server finds the session) and loads LiveKit's code beside it,
 * then connects to LiveKit as soon as both are there, while the room's own code and messages
 * are still on their way. It asks with `fetch` rather than the typed API client, whose code
 * would have to arrive first. The room takes the join and the
 * connection once, as if it had made them itself; anything later (a renewal, a rejoin) asks the
 * server again.
 */
interface EarlyEntry {
  secret: string;
  join?: Promise<JoinRoomResult>;
  /** The LiveKit connection started early, or undefined when this join goes nowhere yet (the lobby, the team's device check). */
  connection?: Promise<EarlyLiveRoom | undefined>;
  /** Which session the link is for, as the join answered it. */
  sessionRef: Promise<string>;
}

let early: EarlyEntry | undefined;
let appMayLoad: Promise<void> = Promise.resolve();

/** On a link slower than this takes to bring LiveKit's code, the page is drawn without waiting for it. */
const APP_WAITS_AT_MOST_MS = 2_500;

const noop = () => undefined;
const never = new Promise<never>(() => {});

/** The audience goes straight to the stage; the team chooses devices first, the lobby waits. */
function goesStraightToStage(result: JoinRoomResult): boolean {
  return result.snapshot.view === 'room' && result.snapshot.me.role === 'participant';
}

/**
 * Settles when the app's own code may be asked for without slowing the early connection: once
 * LiveKit's code is in, at once when there is no early connection to make (not a personal link
 * into the room, or a join that does not go straight to the stage), and after
 * APP_WAITS_AT_MOST_MS whatever happens (room.html, web/vite.config.ts).
 */
export function appCodeMayLoad(): Promise<void> {
  return appMayLoad;
}

const PERSONAL_LINK_TO_ROOM = /^\/j\/([^/]+)\/live\/?$/;

/** Starts joining and connecting when `pathname` is a personal link into the room (once; the app's entry calls it again). */
export function startEarlyRoomEntry(pathname: string): void {
  const secret = PERSONAL_LINK_TO_ROOM.exec(pathname)?.[1];
  if (!secret || early?.secret === secret) return;
  const liveRoomCode = import('./early-live-room.ts');
  const join = joinByLink(secret);
  const connection = Promise.all([join, liveRoomCode]).then(([result, { connectEarly }]) =>
    result.livekit && goesStraightToStage(result) ? connectEarly(result.livekit) : undefined,
  );
  appMayLoad = Promise.race([
    liveRoomCode.then(noop, noop),
    // No early connection to make room for: the lobby, the team, a refused link.
    join.then((result) => (result.livekit && goesStraightToStage(result) ? never : undefined), noop),
    new Promise<void>((resolve) => setTimeout(resolve, APP_WAITS_AT_MOST_MS)),
  ]);
  // Whoever takes an answer handles its failure; one nobody takes is not an unhandled rejection.
  join.catch(() => undefined);
  liveRoomCode.catch(() => undefined);
  connection.catch(() => undefined);
  early = { secret, join, connection, sessionRef: join.then((result) => result.snapshot.session.slug) };
  early.sessionRef.catch(() => undefined);
}

/** The session the early join for this link entered; undefined when there was none, rejected when the join was refused. */
export function earlySessionRef(secret: string): Promise<string> | undefined {
  return early?.secret === secret ? early.sessionRef : undefined;
}

/** The join asked for early for this link into the session `ref`, once. */
export function takeEarlyJoin(ref: string, secret: string | undefined): Promise<JoinRoomResult> | undefined {
  if (!secret || early?.secret !== secret || !early.join) return undefined;
  const { join } = early;
  early.join = undefined;
  return join.then((result) => {
    // Cannot happen (the room's ref comes from this join), but a join of another session must
    // never be taken for this one's.
    if (result.snapshot.session.slug !== ref)
      throw new Error(`joined ${result.snapshot.session.slug} early, not ${ref}`);
    return result;
  });
}

/** The LiveKit connection started early with `target`'s token, once; undefined if there is none. */
export async function takeEarlyLiveRoom(target: LiveKitTarget): Promise<EarlyLiveRoom | undefined> {
  const connection = early?.connection;
  if (!early || !connection) return undefined;
  early.connection = undefined;
  const started = await connection.catch(() => undefined);
  if (started?.token === target.token && started.url === target.url) return started;
  await started?.dropped();
  return undefined;
}

/** Leaves an early LiveKit connection nobody took (the room ended up elsewhere, or closed). */
export async function dropEarlyLiveRoom(): Promise<void> {
  const connection = early?.connection;
  if (!early || !connection) return;
  early.connection = undefined;
  await (await connection.catch(() => undefined))?.dropped();
}

/** `POST /api/room/join` with the link's secret, as the typed client would send it (the problem in the reader's language). */
async function joinByLink(joinSecret: string): Promise<JoinRoomResult> {
  const response = await fetch('/api/room/join', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': preferredLocale() },
    body: JSON.stringify({ joinSecret }),
  });
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return (await response.json()) as JoinRoomResult;
}
