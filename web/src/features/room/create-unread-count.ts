import type { ChatMessage } from '@serambi/shared';
import { createEffect, createSignal } from 'solid-js';

/**
 * Messages from others that arrived while the chat was not on screen. What was there when the
 * room opened counts as read; so does everything once the chat is shown.
 */
export function createUnreadCount(
  messages: () => readonly ChatMessage[],
  myIdentity: () => string,
  onScreen: () => boolean,
): () => number {
  const [lastSeenId, setLastSeenId] = createSignal(messages().at(-1)?.id);
  createEffect(() => {
    const last = messages().at(-1)?.id;
    if (onScreen() && last !== lastSeenId()) setLastSeenId(last);
  });
  return () => {
    const list = messages();
    const seenAt = list.findIndex((message) => message.id === lastSeenId());
    // The last seen message scrolled out of memory: everything held is newer.
    const unseen = seenAt === -1 && lastSeenId() !== undefined ? list : list.slice(seenAt + 1);
    return unseen.filter((message) => message.author.identity !== myIdentity()).length;
  };
}
