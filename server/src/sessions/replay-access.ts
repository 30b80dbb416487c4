import type { ReplayAccess } from '@serambi/shared';
import { emailUnconfirmed } from '../http/current-user.ts';

/**
 * Who may have what a session leaves behind for its audience: its replay (recordings) and its
 * materials. The session's `replayAccess` decides for both; the routes decide what the caller is
 * to the session, from the cookie or the personal join link (`registrations/replay-viewer.ts`).
 */
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

/** Why someone may not: only organizers may, only registrants may, or they should sign in first. */
export type ReplayRefusal = 'organizers_only' | 'registrants_only' | 'sign_in';

/** The session's team may whatever the access; the audience as the access allows. */
export function mayWatch(access: ReplayAccess, viewer: ReplayViewer): boolean {
  if (viewer.organizer || viewer.team) return true;
  if (access === 'public') return true;
  return access === 'registrants' && viewer.registrant;
}

/**
 * What someone who may not is told: only organizers may, only registrants do (and they are
 * signed in or hold a link already), or they should sign in first. Someone signed in with an
 * address not confirmed yet, where a registration would let them, is asked to confirm it (403
 * `email_unconfirmed`).
 */
export function refusedReplayState(access: ReplayAccess, viewer: ReplayViewer): ReplayRefusal {
  if (access === 'registrants' && viewer.unconfirmedEmail !== null) {
    throw emailUnconfirmed({ email: viewer.unconfirmedEmail });
  }
  if (access === 'organizers') return 'organizers_only';
  return viewer.signedIn || viewer.registrant ? 'registrants_only' : 'sign_in';
}
