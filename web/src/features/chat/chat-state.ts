import type { ChatEvent, ChatMessage, ChatState } from '@serambi/shared';

/** Messages kept in memory: the conversation, not its history (a long session scrolls past more). */
export const CHAT_MESSAGES_KEPT = 200;

/** Adds a message once (an API answer and its event may both bring it), dropping the oldest beyond the limit. */
export function addChatMessage(chat: ChatState, message: ChatMessage): void {
  if (chat.messages.some((held) => held.id === message.id)) return;
  chat.messages.push({ ...message });
  const excess = chat.messages.length - CHAT_MESSAGES_KEPT;
  if (excess > 0) chat.messages.splice(0, excess);
}

export function applyChatEvent(chat: ChatState, event: ChatEvent): void {
  switch (event.type) {
    case 'chat.message':
      addChatMessage(chat, event.data);
      break;
    case 'chat.deleted':
      chat.messages = chat.messages.filter((message) => message.id !== event.data.id);
      break;
    case 'chat.questioned': {
      const message = chat.messages.find((held) => held.id === event.data.id);
      if (message) message.questionId = event.data.questionId;
      break;
    }
  }
}
