import type { reactionsMessages as reference } from './reactions.id.ts';
import type { Translation } from './translation.ts';

/** English messages of the room’s reactions; the same keys as reactions.id.ts. */
export const reactionsMessages: Translation<typeof reference> = {
  reactions: {
    label: 'Reactions',
    send: 'Send a reaction: {reaction}',
  },
};
