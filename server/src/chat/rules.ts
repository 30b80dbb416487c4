import { authorizeInRoom, forEveryone, forModerators, isTeam, type RoomCaller } from '../room/rules.ts';

/**
 * Who may do what in the chat (docs/conventions.md#rules-as-named-predicates): everyone let in
 * writes; moderators announce, delete and turn a message into a question.
 */
export const chatRules = {
  send: forEveryone,
  announce: forModerators,
  delete: forModerators,
  makeQuestion: forModerators,
} as const;

/** Sending a message, or an announcement. */
export function authorizeSending(caller: RoomCaller, announcement: boolean): void {
  authorizeInRoom(chatRules, announcement ? 'announce' : 'send', caller);
}

/** A closed or slowed chat holds the audience only: the team runs the room and keeps talking. */
export const heldByChatLimits = (caller: Pick<RoomCaller, 'role'>) => !isTeam(caller);

/**
 * Whole seconds the caller still has to wait in slow mode (`seconds` between two messages) before
 * sending at `at`, after their last message at `lastAt`; 0 when they may send now.
 */
export function slowModeWait(lastAt: Date | null, seconds: number, at: Date): number {
  if (lastAt === null || seconds <= 0) return 0;
  const waitMs = lastAt.getTime() + seconds * 1000 - at.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}
