/**
 * The reactions and their emoji: values without zod, so a page that reads them does not download the schemas
 * (reactions.ts holds those and re-exports these).
 */

export const REACTIONS = ['clap', 'heart', 'laugh', 'wow', 'thumbs_up', 'party'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const REACTION_EMOJI: Record<Reaction, string> = {
  clap: '👏',
  heart: '❤️',
  laugh: '😂',
  wow: '😮',
  thumbs_up: '👍',
  party: '🎉',
};
