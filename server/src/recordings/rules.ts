import type { Replay, ReplayAccess } from '@serambi/shared';
import { emailUnconfirmed } from '../http/current-user.ts';
import { forModerators } from '../room/rules.ts';

/**
 * Who may do what with recordings (docs/conventions.md#rules-as-named-predicates). In the room,
 * moderators start and stop the recording and the live stream; organizers do it from the
 * session's page (the community's `manage`), where only they set the stream's destination.
 * Who may watch a replay depends on the session's replay access.
 */
export const recordingRules = {
  control: forModerators,
  /** Start, stop and watch the live stream to an RTMP server (its destination is the organizers'). */
  stream: forModerators,
} as const;

/** What the replay's caller is to the session: decided by the routes from the cookie or the join link. */
export interface ReplayViewer {
  /** A community organizer: may watch and download whatever the access. */
  organizer: boolean;
  /** A speaker or moderator of the session: may watch. */
  team: boolean;
  /** Registered (or waitlisted) for the session. */
  registrant: boolean;
  signedIn: boolean;
  /** Signed in with this address, not confirmed yet: asked to confirm it where a registration would count. */
  unconfirmedEmail: string | null;
}

/** The session's team watches whatever the access; the audience as the access allows. */
export function mayWatch(access: ReplayAccess, viewer: ReplayViewer): boolean {
  if (viewer.organizer || viewer.team) return true;
  if (access === 'public') return true;
  return access === 'registrants' && viewer.registrant;
}

/** The file itself, to keep: organizers only. */
export const mayDownload = (viewer: ReplayViewer) => viewer.organizer;

/**
 * What someone who may not watch is told: only organizers watch it, only registrants do (and
 * they are signed in or hold a link already), or they should sign in first. Someone signed in
 * with an address not confirmed yet, where a registration would let them watch, is asked to
 * confirm it (403 `email_unconfirmed`).
 */
export function refusedReplayState(access: ReplayAccess, viewer: ReplayViewer): Replay['state'] {
  if (access === 'registrants' && viewer.unconfirmedEmail !== null) {
    throw emailUnconfirmed({ email: viewer.unconfirmedEmail });
  }
  if (access === 'organizers') return 'organizers_only';
  return viewer.signedIn || viewer.registrant ? 'registrants_only' : 'sign_in';
}
