import type { Poll, PollsState } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { applyMyPollVote, applyPollEvent, optionShares, pollsInOrder, pollsWaitingForMe } from './poll-state.ts';

const at = '2026-11-23T12:00:00.000Z';
const aPoll = (overrides: Partial<Poll> = {}): Poll => ({
  id: 'p1',
  question: 'Sudah punya usaha?',
  kind: 'single',
  status: 'open',
  resultsVisible: false,
  options: [
    { id: 'yes', text: 'Sudah', votes: null },
    { id: 'no', text: 'Belum', votes: null },
  ],
  voters: null,
  openedAt: at,
  closedAt: null,
  rev: 1,
  ...overrides,
});

describe('polls in the browser', () => {
  it('keeps the higher rev of a poll and removes a deleted draft', () => {
    const polls: PollsState = { polls: [aPoll({ rev: 2, question: 'newer' })], myVotes: {} };
    applyPollEvent(polls, { v: 3, type: 'poll.updated', at, data: aPoll({ rev: 1, question: 'older' }) });
    expect(polls.polls[0]?.question).toBe('newer');
    applyPollEvent(polls, { v: 4, type: 'poll.updated', at, data: aPoll({ id: 'p2', status: 'draft' }) });
    applyPollEvent(polls, { v: 5, type: 'poll.removed', at, data: { id: 'p2' } });
    expect(polls.polls.map((p) => p.id)).toEqual(['p1']);
  });

  it('takes counts as absolute numbers, once results are shown', () => {
    const polls: PollsState = { polls: [aPoll()], myVotes: {} };
    applyPollEvent(polls, {
      v: 3,
      type: 'poll.votes',
      at,
      data: {
        id: 'p1',
        options: [
          { id: 'yes', votes: 3 },
          { id: 'no', votes: 1 },
        ],
        voters: 4,
      },
    });
    const poll = polls.polls[0] as Poll;
    expect(optionShares(poll).map((o) => [o.id, o.votes, o.percent])).toEqual([
      ['yes', 3, 75],
      ['no', 1, 25],
    ]);
  });

  it('remembers my vote, so the poll stops counting as waiting for me', () => {
    const polls: PollsState = { polls: [aPoll()], myVotes: {} };
    expect(pollsWaitingForMe(polls)).toBe(1);
    applyMyPollVote(polls, aPoll({ rev: 2 }), ['yes']);
    expect(polls.myVotes).toEqual({ p1: ['yes'] });
    expect(pollsWaitingForMe(polls)).toBe(0);
  });

  it('lists the running poll first, then drafts as made, then closed ones latest first', () => {
    const ordered = pollsInOrder([
      aPoll({ id: 'closed-early', status: 'closed', closedAt: '2026-11-23T12:05:00.000Z' }),
      aPoll({ id: 'draft-1', status: 'draft' }),
      aPoll({ id: 'running' }),
      aPoll({ id: 'closed-late', status: 'closed', closedAt: '2026-11-23T12:30:00.000Z' }),
      aPoll({ id: 'draft-2', status: 'draft' }),
    ]);
    expect(ordered.map((p) => p.id)).toEqual(['running', 'draft-1', 'draft-2', 'closed-late', 'closed-early']);
  });
});
