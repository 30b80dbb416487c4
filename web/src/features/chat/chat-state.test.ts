import type { ChatMessage, ChatState } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { addChatMessage, applyChatEvent, CHAT_MESSAGES_KEPT } from './chat-state.ts';

const at = '2026-11-23T12:00:00.000Z';
const aMessage = (id: string, overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  author: { identity: 'r_ani', name: 'Ani', role: 'participant' },
  text: `pesan ${id}`,
  kind: 'message',
  at,
  questionId: null,
  ...overrides,
});

describe('the chat in the browser', () => {
  it('adds a message once, whether the API answer or the event brings it first', () => {
    const chat: ChatState = { messages: [] };
    addChatMessage(chat, aMessage('m1'));
    applyChatEvent(chat, { v: 2, type: 'chat.message', at, data: aMessage('m1') });
    expect(chat.messages.map((m) => m.id)).toEqual(['m1']);
  });

  it(`keeps the last ${CHAT_MESSAGES_KEPT} messages`, () => {
    const chat: ChatState = { messages: [] };
    for (let i = 0; i < CHAT_MESSAGES_KEPT + 5; i++) addChatMessage(chat, aMessage(`m${i}`));
    expect(chat.messages).toHaveLength(CHAT_MESSAGES_KEPT);
    expect(chat.messages[0]?.id).toBe('m5');
  });

  it('removes a deleted message and marks one made into a question', () => {
    const chat: ChatState = { messages: [aMessage('m1'), aMessage('m2')] };
    applyChatEvent(chat, { v: 2, type: 'chat.deleted', at, data: { id: 'm1' } });
    applyChatEvent(chat, { v: 3, type: 'chat.questioned', at, data: { id: 'm2', questionId: 'q9' } });
    expect(chat.messages).toEqual([aMessage('m2', { questionId: 'q9' })]);
  });
});
