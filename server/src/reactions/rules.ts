import { forEveryone } from '../room/rules.ts';
import type { SessionRow } from '../sessions/schema.ts';

/** Who may react (docs/conventions.md#rules-as-named-predicates): everyone let in. */
export const reactionRules = {
  react: forEveryone,
} as const;

/** Reactions float over a live stage: before the start and after the end there is nothing to react to. */
export const takesReactions = (session: Pick<SessionRow, 'status'>) => session.status === 'live';
