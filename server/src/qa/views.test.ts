import type { QuestionStatus } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../room/events.ts';
import type { QuestionRow } from './schema.ts';
import { questionEvents, questionView } from './views.ts';

const aQuestion = (status: QuestionStatus, anonymity: 'named' | 'hidden' | 'moderators' = 'named') =>
  ({
    id: 'q1',
    sessionId: 's1',
    authorIdentity: 'r_budi',
    authorName: 'Budi Santoso',
    anonymous: anonymity !== 'named',
    authorVisibleToModerators: anonymity !== 'hidden',
    text: 'Bagaimana cara mendaftar NIB?',
    status,
    votes: 2,
    createdAt: new Date('2026-12-06T12:10:00Z'),
    editedAt: null,
    editedByModerator: false,
    answeredAt: null,
    mergedInto: null,
    fromChatMessageId: null,
    rev: 3,
  }) satisfies QuestionRow;

/** Each event as "who: what", e.g. "everyone: qa.question by Budi Santoso". */
const told = (events: EventDraft[]) =>
  events.map((event) => {
    const who = 'to' in event ? (typeof event.to === 'string' ? event.to : event.to.join(',')) : 'everyone';
    if (event.type !== 'qa.question') return `${who}: ${event.type}`;
    return `${who}: ${event.data.status} by ${event.data.author?.name ?? 'nobody known'}`;
  });

describe('who is told what when a question changes', () => {
  it.each<[string, QuestionStatus | null, QuestionStatus, 'named' | 'hidden' | 'moderators', string[]]>([
    ['asked in open mode', null, 'open', 'named', ['everyone: open by Budi Santoso']],
    [
      'asked for review',
      null,
      'pending',
      'named',
      ['moderators: pending by Budi Santoso', 'r_budi: pending by Budi Santoso'],
    ],
    [
      'asked anonymously, moderators may know',
      null,
      'open',
      'moderators',
      ['everyone: open by nobody known', 'moderators: open by Budi Santoso'],
    ],
    ['asked anonymously, nobody may know', null, 'open', 'hidden', ['everyone: open by nobody known']],
    [
      'anonymous, waiting for review, nobody may know',
      null,
      'pending',
      'hidden',
      ['moderators: pending by nobody known', 'r_budi: pending by Budi Santoso'],
    ],
    ['approved', 'pending', 'open', 'named', ['everyone: open by Budi Santoso']],
    [
      'dismissed from the list',
      'open',
      'dismissed',
      'named',
      ['everyone: qa.removed', 'moderators: dismissed by Budi Santoso', 'r_budi: dismissed by Budi Santoso'],
    ],
    [
      'dismissed from the review list',
      'pending',
      'dismissed',
      'named',
      ['moderators: dismissed by Budi Santoso', 'r_budi: dismissed by Budi Santoso'],
    ],
    [
      'merged away',
      'open',
      'merged',
      'named',
      ['everyone: qa.removed', 'moderators: merged by Budi Santoso', 'r_budi: merged by Budi Santoso'],
    ],
    ['withdrawn', 'open', 'withdrawn', 'named', ['everyone: qa.removed', 'moderators: withdrawn by Budi Santoso']],
    ['answered', 'open', 'answered', 'named', ['everyone: answered by Budi Santoso']],
  ])('%s', (_, before, status, anonymity, expected) => {
    expect(told(questionEvents(aQuestion(status, anonymity), before))).toEqual(expected);
  });

  it('never says in a public event why a question left the list', () => {
    for (const status of ['dismissed', 'merged', 'withdrawn'] as const) {
      const publicEvents = questionEvents(aQuestion(status), 'open').filter((e) => !('to' in e));
      expect(JSON.stringify(publicEvents)).not.toContain(status);
    }
  });
});

describe('what a viewer may know of who asked', () => {
  it('shows an anonymous asker to themselves, to moderators when allowed, and to nobody else', () => {
    const allowed = aQuestion('open', 'moderators');
    const hidden = aQuestion('open', 'hidden');
    const name = (row: QuestionRow, viewer: { identity: string; role: 'participant' | 'speaker' | 'moderator' }) =>
      questionView(row, viewer).author?.name ?? null;
    expect(name(allowed, { identity: 'r_budi', role: 'participant' })).toBe('Budi Santoso');
    expect(name(allowed, { identity: 'u_ayu', role: 'moderator' })).toBe('Budi Santoso');
    expect(name(allowed, { identity: 'u_rina', role: 'speaker' })).toBeNull();
    expect(name(allowed, { identity: 'r_sari', role: 'participant' })).toBeNull();
    expect(name(hidden, { identity: 'u_ayu', role: 'moderator' })).toBeNull();
    expect(name(hidden, { identity: 'r_budi', role: 'participant' })).toBe('Budi Santoso');
  });
});
