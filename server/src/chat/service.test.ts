import { chatMessageSchema } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import type { ChatMessageRow } from './schema.ts';
import { chatMessageView } from './service.ts';

/** Budi's message in the room's chat. */
const aMessage = (changes: Partial<ChatMessageRow> = {}): ChatMessageRow => ({
  id: 'm1',
  sessionId: 's1',
  authorIdentity: 'r_budi',
  authorName: 'Budi Santoso',
  authorRole: 'participant',
  kind: 'message',
  text: 'Apakah materinya dibagikan?',
  createdAt: new Date('2026-12-07T10:15:30Z'),
  deletedAt: null,
  deletedBy: null,
  questionId: null,
  ...changes,
});

describe('a chat message as the room sees it', () => {
  it('names its author by identity, name and role, and gives its time as ISO text', () => {
    expect(chatMessageView(aMessage())).toEqual({
      id: 'm1',
      author: { identity: 'r_budi', name: 'Budi Santoso', role: 'participant' },
      text: 'Apakah materinya dibagikan?',
      kind: 'message',
      at: '2026-12-07T10:15:30.000Z',
      questionId: null,
    });
  });

  it('points to the question a moderator made of it', () => {
    expect(chatMessageView(aMessage({ questionId: 'q7' })).questionId).toBe('q7');
  });

  it('leaves out the session and who deleted what: the room knows its session, and a deleted message is not shown', () => {
    const view = chatMessageView(aMessage({ deletedBy: 'u_ayu', deletedAt: new Date() }));
    expect(Object.keys(view).sort()).toEqual(['at', 'author', 'id', 'kind', 'questionId', 'text']);
  });

  it('is what the API promises, for a moderator’s announcement too', () => {
    const announcement = aMessage({
      authorIdentity: 'u_ayu',
      authorName: 'Ayu',
      authorRole: 'moderator',
      kind: 'announcement',
    });
    expect(chatMessageSchema.parse(chatMessageView(announcement))).toEqual(chatMessageView(announcement));
    expect(chatMessageSchema.safeParse(chatMessageView(aMessage())).success).toBe(true);
  });
});
