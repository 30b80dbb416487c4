import { AppError } from '../http/errors.ts';
import { admitted, forModerators, isTeam, type Requirement, type RoomRules } from '../room/rules.ts';

/** OBS is for the people who present: a session's speakers and moderators. */
export const team: Requirement = {
  holds: isTeam,
  refusal: () => new AppError(403, 'whip_team_only', 'problems.whipTeamOnly'),
};

/**
 * Who may do what with WHIP stream keys (docs/conventions.md#rules-as-named-predicates): the
 * team has a key of its own; moderators may also revoke anyone's.
 */
export const whipRules = {
  readOwnKey: [admitted, team],
  issueOwnKey: [admitted, team],
  revokeOwnKey: [admitted, team],
  revokeKeyOf: forModerators,
} as const satisfies RoomRules;
