import type { Reaction } from '@serambi/shared';
import { AppError } from '../http/errors.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { RoomDeps } from '../room/deps.ts';
import { authorizeInRoom } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { REACTIONS } from './counts.ts';
import { reactionRules, takesReactions } from './rules.ts';

/**
 * Sends one reaction: it is only marked for the next burst (see `room/bursts.ts` and
 * `counts.ts`), never stored one by one. `reacting` holds back someone reacting too fast.
 */
export function sendReaction(
  deps: Pick<RoomDeps, 'bursts'>,
  session: SessionRow,
  caller: RoomParticipantRow,
  reaction: Reaction,
  reacting: RateLimiter,
): void {
  authorizeInRoom(reactionRules, 'react', caller);
  if (!takesReactions(session)) throw new AppError(409, 'room_not_live', 'problems.roomNotLive');
  reacting.take(`${session.id}:${caller.identity}`);
  deps.bursts.mark(session.id, REACTIONS, reaction);
}
