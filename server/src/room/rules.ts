import { sessionStatusGroups } from '@serambi/shared';
import { AppError } from '../http/errors.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { RoomParticipantRow } from './schema.ts';

/**
 * Who may do what in a session's room (docs/conventions.md#rules-as-named-predicates). The room
 * and every capability in it (Q&A, chat, polls, reactions, recordings, feedback) keep a table
 * of their actions, each a list of requirements the caller must meet, checked in order by
 * `authorizeInRoom` on the first line of the service function: the first one unmet is the
 * refusal. Rules about one thing (a question, a poll) are predicates beside the table.
 */

/** The person acting in the room, as far as the rules read them. */
export type RoomCaller = Pick<RoomParticipantRow, 'identity' | 'role' | 'admission'>;

/** Something asked of the caller, and what they are told when they do not meet it. */
export interface Requirement {
  holds: (caller: RoomCaller) => boolean;
  refusal: () => AppError;
}

export const isAdmitted = (caller: RoomCaller) => caller.admission === 'admitted';
export const isModerator = (caller: Pick<RoomCaller, 'role'>) => caller.role === 'moderator';
/** Speakers and moderators: they run the room, so closing or slowing the chat does not hold them. */
export const isTeam = (caller: Pick<RoomCaller, 'role'>) => caller.role !== 'participant';

/** Everything in the room is for people let in, not those still waiting in the lobby or turned away. */
export const admitted: Requirement = {
  holds: isAdmitted,
  refusal: () => new AppError(403, 'room_not_admitted', 'problems.roomNotAdmitted'),
};

/** Moderation is for the session's moderators (and the community's organizers, who join as moderators). */
export const moderator: Requirement = {
  holds: isModerator,
  refusal: () => new AppError(403, 'room_moderators_only', 'problems.roomModeratorsOnly'),
};

/** What anyone let in may do. */
export const forEveryone = [admitted] as const;
/** What only moderators may do (let in first: a moderator is never kept in the lobby). */
export const forModerators = [admitted, moderator] as const;

/** A capability's actions in the room and what each asks of the caller. */
export type RoomRules = Record<string, readonly Requirement[]>;

/** The room's own actions: being in it, the stage, moderation and the session's life. */
export const roomRules = {
  enter: forEveryone,
  raiseHand: forEveryone,
  answerInvitation: forEveryone,
  leaveStage: forEveryone,
  goLive: forModerators,
  end: forModerators,
  changeSettings: forModerators,
  listParticipants: forModerators,
  readAudit: forModerators,
  mute: forModerators,
  inviteToStage: forModerators,
  removeFromStage: forModerators,
  lowerHandOf: forModerators,
  remove: forModerators,
  ban: forModerators,
  unban: forModerators,
  decideLobby: forModerators,
} as const satisfies RoomRules;

/** The first requirement of `action` the caller does not meet, or null when they may do it. */
export function unmetRequirement<Rules extends RoomRules>(
  rules: Rules,
  action: keyof Rules,
  caller: RoomCaller,
): Requirement | null {
  return rules[action]?.find((requirement) => !requirement.holds(caller)) ?? null;
}

export function mayInRoom<Rules extends RoomRules>(rules: Rules, action: keyof Rules, caller: RoomCaller): boolean {
  return unmetRequirement(rules, action, caller) === null;
}

/** Throws the refusal of the first requirement of `action` the caller does not meet. */
export function authorizeInRoom<Rules extends RoomRules>(rules: Rules, action: keyof Rules, caller: RoomCaller): void {
  const unmet = unmetRequirement(rules, action, caller);
  if (unmet) throw unmet.refusal();
}

/** The session ended or was cancelled: its room takes no more contributions. */
export const isOver = (session: Pick<SessionRow, 'status'>) =>
  (sessionStatusGroups.over as readonly SessionRow['status'][]).includes(session.status);
