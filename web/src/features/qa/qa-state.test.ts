import type { QaState, Question } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { aQuestion } from '../room/room-fixtures.ts';
import { applyMyVote, applyQaEvent, qaSections, sortQuestions, upsertQuestion } from './qa-state.ts';

const at = '2026-11-23T12:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

const aQa = (questions: Question[] = [], overrides: Partial<QaState> = {}): QaState => ({
  questions,
  answeringId: null,
  mine: [],
  myVotes: [],
  ...overrides,
});

describe('the Q&A queue in the browser', () => {
  it('keeps the higher rev of a question, and takes the incoming one on a tie', () => {
    const qa = aQa([aQuestion({ rev: 3, text: 'third' })]);
    upsertQuestion(qa, aQuestion({ rev: 2, text: 'second' }));
    expect(qa.questions[0]?.text).toBe('third');
    upsertQuestion(qa, aQuestion({ rev: 3, text: 'third, again' }));
    expect(qa.questions[0]?.text).toBe('third, again');
    upsertQuestion(qa, aQuestion({ rev: 4, text: 'fourth' }));
    expect(qa.questions).toHaveLength(1);
    expect(qa.questions[0]?.text).toBe('fourth');
  });

  it('keeps the author it knows when an anonymous question comes back without one', () => {
    const qa = aQa([aQuestion({ anonymous: true, author: { identity: 'r_me', name: 'Budi' } })]);
    upsertQuestion(qa, aQuestion({ anonymous: true, author: null, rev: 2, status: 'answered' }));
    expect(qa.questions[0]?.author).toEqual({ identity: 'r_me', name: 'Budi' });
    expect(qa.questions[0]?.status).toBe('answered');
  });

  it('changes a held question in place, so what is drawn for it stays', () => {
    const held = aQuestion();
    const qa = aQa([held]);
    upsertQuestion(qa, aQuestion({ rev: 2, votes: 5 }));
    expect(qa.questions[0]).toBe(held);
    expect(held.votes).toBe(5);
  });

  it('removes a question from view, unpinning it, but the asker keeps theirs until told what became of it', () => {
    const qa = aQa([aQuestion({ id: 'q1' }), aQuestion({ id: 'q2' })], { answeringId: 'q1', mine: ['q2'] });
    applyQaEvent(qa, { v: 5, type: 'qa.removed', at, data: { id: 'q1' } });
    applyQaEvent(qa, { v: 6, type: 'qa.removed', at, data: { id: 'q2' } });
    expect(qa.questions.map((q) => q.id)).toEqual(['q2']);
    expect(qa.answeringId).toBeNull();
  });

  it('takes vote counts as absolute numbers and ignores questions it does not hold', () => {
    const qa = aQa([aQuestion({ id: 'q1', votes: 2 })]);
    applyQaEvent(qa, {
      v: 5,
      type: 'qa.votes',
      at,
      data: {
        votes: [
          { id: 'q1', votes: 7 },
          { id: 'elsewhere', votes: 3 },
        ],
      },
    });
    expect(qa.questions.map((q) => [q.id, q.votes])).toEqual([['q1', 7]]);
  });

  it('toggles my upvote with the count the server answered', () => {
    const qa = aQa([aQuestion({ votes: 1 })]);
    applyMyVote(qa, 'q1', { voted: true, votes: 2 });
    expect(qa.myVotes).toEqual(['q1']);
    expect(qa.questions[0]?.votes).toBe(2);
    applyMyVote(qa, 'q1', { voted: false, votes: 1 });
    expect(qa.myVotes).toEqual([]);
  });

  it('sorts by votes with the earlier question first among equals, or by newest', () => {
    const questions = [
      aQuestion({ id: 'a', votes: 1, createdAt: later(1) }),
      aQuestion({ id: 'b', votes: 4, createdAt: later(2) }),
      aQuestion({ id: 'c', votes: 1, createdAt: later(0) }),
    ];
    expect(sortQuestions(questions, 'votes').map((q) => q.id)).toEqual(['b', 'c', 'a']);
    expect(sortQuestions(questions, 'newest').map((q) => q.id)).toEqual(['b', 'a', 'c']);
  });

  it('puts the pinned question on top, answered ones apart, the review list for moderators and my hidden ones aside', () => {
    const qa = aQa(
      [
        aQuestion({ id: 'pinned', votes: 9 }),
        aQuestion({ id: 'open' }),
        aQuestion({ id: 'done', status: 'answered', answeredAt: later(3) }),
        aQuestion({ id: 'waiting', status: 'pending' }),
        aQuestion({ id: 'my-waiting', status: 'pending' }),
        aQuestion({ id: 'my-dismissed', status: 'dismissed' }),
        aQuestion({ id: 'my-merged', status: 'merged', mergedInto: 'open' }),
        aQuestion({ id: 'my-withdrawn', status: 'withdrawn' }),
      ],
      { answeringId: 'pinned', mine: ['my-waiting', 'my-dismissed', 'my-merged', 'my-withdrawn'] },
    );
    const participant = qaSections(qa, { isModerator: false }, 'votes');
    expect(participant.answering?.id).toBe('pinned');
    expect(participant.open.map((q) => q.id)).toEqual(['open']);
    expect(participant.answered.map((q) => q.id)).toEqual(['done']);
    expect(participant.review).toEqual([]);
    expect(participant.mineAside.map((q) => q.id).sort()).toEqual(['my-dismissed', 'my-merged', 'my-waiting']);

    const moderator = qaSections(qa, { isModerator: true }, 'votes');
    expect(moderator.review.map((q) => q.id)).toEqual(['waiting', 'my-waiting']);
    expect(moderator.mineAside.map((q) => q.id).sort()).toEqual(['my-dismissed', 'my-merged']);
  });
});
