import { z } from 'zod';
import { eventEnvelope } from './events.ts';
import { REACTIONS } from './reactions-values.ts';

export * from './reactions-values.ts';

/** Emoji reactions that float over the stage: rate-limited per person, counted and sent in bursts. */

export const sendReactionRequestSchema = z
  .object({ reaction: z.enum(REACTIONS) })
  .strict()
  .meta({ id: 'SendReactionRequest' });

export const reactionCountsSchema = z.partialRecord(z.enum(REACTIONS), z.number().int().min(1));
export type ReactionCounts = z.infer<typeof reactionCountsSchema>;

export const reactionEventSchema = z.discriminatedUnion('type', [
  /** The reactions sent since the last burst, counted by kind. */
  eventEnvelope('reaction.burst', z.object({ counts: reactionCountsSchema })),
]);
export type ReactionEvent = z.infer<typeof reactionEventSchema>;
