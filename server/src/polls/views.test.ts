import { describe, expect, it } from 'vitest';
import type { PollOptionRow, PollRow } from './schema.ts';
import { pollEvents, pollView, type StoredPoll } from './views.ts';

const openedAt = new Date('2025-03-01T10:10:00Z');

/** "Lanjut minggu depan?": 3 voted yes, 1 no, out of 4 voters. */
function aPoll(poll: Partial<PollRow> = {}): StoredPoll {
  return {
    poll: {
      id: 'p1',
      sessionId: 's1',
      question: 'Lanjut minggu depan?',
      kind: 'single',
      status: 'open',
      resultsVisible: false,
      voters: 4,
      rev: 2,
      createdBy: 'u_ayu',
      createdAt: new Date('2025-03-01T09:00:00Z'),
      openedAt,
      closedAt: null,
      ...poll,
    } as PollRow,
    options: [
      { id: 'o1', pollId: 'p1', position: 0, text: 'Ya', votes: 3 },
      { id: 'o2', pollId: 'p1', position: 1, text: 'Tidak', votes: 1 },
    ] as PollOptionRow[],
  };
}

describe('a poll as someone sees it', () => {
  it('shows the counts to whoever sees the results', () => {
    expect(pollView(aPoll(), true)).toEqual({
      id: 'p1',
      question: 'Lanjut minggu depan?',
      kind: 'single',
      status: 'open',
      resultsVisible: false,
      options: [
        { id: 'o1', text: 'Ya', votes: 3 },
        { id: 'o2', text: 'Tidak', votes: 1 },
      ],
      voters: 4,
      openedAt: openedAt.toISOString(),
      closedAt: null,
      rev: 2,
    });
  });

  it('hides every count and the number of voters from the audience while the results are hidden', () => {
    const view = pollView(aPoll(), false);
    expect(view.options.map((option) => option.votes)).toEqual([null, null]);
    expect(view.voters).toBeNull();
    expect(view.options.map((option) => option.text)).toEqual(['Ya', 'Tidak']);
  });

  it('shows the audience the counts once the moderator shows the results', () => {
    const view = pollView(aPoll({ resultsVisible: true }), false);
    expect(view.options.map((option) => option.votes)).toEqual([3, 1]);
    expect(view.voters).toBe(4);
  });

  it('gives a closed poll its closing time', () => {
    const closedAt = new Date('2025-03-01T10:20:00Z');
    expect(pollView(aPoll({ status: 'closed', closedAt }), false).closedAt).toBe(closedAt.toISOString());
  });
});

describe('what a changed poll announces', () => {
  it('tells only the moderators about a draft, with its counts', () => {
    expect(pollEvents(aPoll({ status: 'draft', openedAt: null }))).toEqual([
      { type: 'poll.updated', data: expect.objectContaining({ status: 'draft', voters: 4 }), to: 'moderators' },
    ]);
  });

  it('tells everyone about a running poll without counts, and the moderators directly with them, while results are hidden', () => {
    const [toEveryone, toModerators, ...more] = pollEvents(aPoll());
    expect(more).toEqual([]);
    expect(toEveryone).toEqual({ type: 'poll.updated', data: expect.objectContaining({ voters: null }) });
    expect(toEveryone).not.toHaveProperty('to');
    expect(toModerators).toEqual({
      type: 'poll.updated',
      data: expect.objectContaining({ voters: 4 }),
      to: 'moderators',
    });
  });

  it('tells everyone once, counts included, when the results are shown', () => {
    expect(pollEvents(aPoll({ resultsVisible: true }))).toEqual([
      { type: 'poll.updated', data: expect.objectContaining({ voters: 4, resultsVisible: true }) },
    ]);
  });

  it('announces a closed poll to everyone as it announces a running one', () => {
    const events = pollEvents(aPoll({ status: 'closed', closedAt: openedAt }));
    expect(events.map((event) => ('to' in event ? event.to : 'everyone'))).toEqual(['everyone', 'moderators']);
  });
});
