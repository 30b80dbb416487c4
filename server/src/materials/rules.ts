import { AppError } from '../http/errors.ts';
import { forEveryone, forModerators, isTeam, type RoomCaller, type RoomRules } from '../room/rules.ts';
import type { SessionViewer } from '../sessions/rules.ts';

export { mayWatch as mayDownloadMaterials } from '../sessions/replay-access.ts';

/**
 * Who may do what with a session's materials (docs/conventions.md#rules-as-named-predicates).
 * Outside the room, the session's replay access decides who downloads them
 * (`sessions/replay-access.ts`: registrants by default); in the room, everyone let in does, and
 * moderators pin one for everyone.
 */
export const materialRules = {
  list: forEveryone,
  pin: forModerators,
} as const satisfies RoomRules;

/** Organizers of the community, and the session's speakers and moderators, attach and delete files. */
export const mayManageMaterials = (viewer: SessionViewer) =>
  viewer.communityRole !== null || viewer.sessionRole !== null;

/** In the room, the team (speakers and moderators; organizers enter as moderators) sees what the community stores. */
export const managesInRoom = (caller: Pick<RoomCaller, 'role'>) => isTeam(caller);

export function authorizeManaging(viewer: SessionViewer): void {
  if (!mayManageMaterials(viewer)) throw new AppError(403, 'materials_team_only', 'problems.materialsTeamOnly');
}
