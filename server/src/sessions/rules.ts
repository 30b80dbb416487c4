import type { CommunityRole, SessionRole } from '@serambi/shared';
import { sessionStatusGroups } from '@serambi/shared';
import type { SessionRow } from './schema.ts';

/** Who looks at a session: their role in its community and in the session itself. */
export interface SessionViewer {
  communityRole: CommunityRole | null;
  sessionRole: SessionRole | null;
}

const isOrganizer = (v: SessionViewer) => v.communityRole !== null;
const isTeam = (v: SessionViewer) => isOrganizer(v) || v.sessionRole !== null;
const isPublished = (s: SessionRow) => (sessionStatusGroups.published as readonly string[]).includes(s.status);

/**
 * Who may see a session. A session the caller may not see answers 404, never 403, so its
 * existence does not leak (docs/conventions.md#rules-as-named-predicates).
 */
export function canSeeSession(session: SessionRow, viewer: SessionViewer): boolean {
  if (isTeam(viewer)) return true;
  return isPublished(session) && session.visibility !== 'private';
}

/** Listed on the community's public page. */
export function isListedPublicly(session: SessionRow): boolean {
  return isPublished(session) && session.visibility === 'public';
}

export function canRegister(session: SessionRow): boolean {
  return (sessionStatusGroups.openForRegistration as readonly string[]).includes(session.status);
}
