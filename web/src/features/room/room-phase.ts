import type { LobbySnapshot, RoomSnapshot } from '@serambi/shared';
import { DisconnectReason } from 'livekit-client';
import type { ApiProblem } from '../../api/problem.ts';

/** Where this visitor is with the room; the page draws one screen per phase. */
export type RoomPhase =
  | { name: 'joining' }
  /** Before the doors open: a waiting screen with a countdown. */
  | { name: 'doorsClosed' }
  /** A private session: waiting for a moderator to let them in. */
  | { name: 'lobby' }
  | { name: 'denied' }
  /** Team members choose camera and microphone before they connect. */
  | { name: 'deviceSetup' }
  | { name: 'connected' }
  | { name: 'ended' }
  /** They chose to leave; the screen after offers the feedback form and a way back in. */
  | { name: 'left' }
  | { name: 'removed'; banned: boolean }
  /** The same person entered from another window or device, which took this one's place. */
  | { name: 'elsewhere' }
  /** The server will not let them in; `problem` says why, in their language. */
  | { name: 'refused'; problem: ApiProblem };

/** The last screen the session itself leads to, whatever the connection: it is over, or they were turned away. */
export function phaseOfStanding(current: Pick<RoomSnapshot | LobbySnapshot, 'session' | 'me'>): RoomPhase | undefined {
  const { status } = current.session;
  if (status === 'ended' || status === 'cancelled') return { name: 'ended' };
  if (current.me.admission === 'denied') return { name: 'denied' };
  return undefined;
}

/** The screen a refusal at the door leads to. */
export function phaseOfRefusal(problem: ApiProblem): RoomPhase {
  const code = problem.problem?.code;
  if (code === 'room_banned') return { name: 'removed', banned: true };
  if (code === 'room_removed') return { name: 'removed', banned: false };
  if (code === 'room_cancelled') return { name: 'ended' };
  return { name: 'refused', problem };
}

/** The screen a lost LiveKit connection leads to; undefined when joining again is the answer. */
export function phaseOfDisconnect(reason: DisconnectReason | undefined): RoomPhase | undefined {
  if (reason === DisconnectReason.PARTICIPANT_REMOVED) return { name: 'removed', banned: false };
  // Rejoining here would push the other window out, and it would push back: ask instead.
  if (reason === DisconnectReason.DUPLICATE_IDENTITY) return { name: 'elsewhere' };
  return undefined;
}
