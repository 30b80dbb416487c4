import type { Poll, PollEvent, PollsState } from '@serambi/shared';

/** The polls as one viewer holds them, and how what the server says moves them forward. */

/** Folds a poll in: the higher `rev` wins (on a tie, the incoming one). */
export function upsertPoll(polls: PollsState, incoming: Poll): void {
  const held = polls.polls.find((poll) => poll.id === incoming.id);
  if (!held) {
    polls.polls.push({ ...incoming });
    return;
  }
  if (incoming.rev < held.rev) return;
  Object.assign(held, incoming);
}

export function removePoll(polls: PollsState, id: string): void {
  polls.polls = polls.polls.filter((poll) => poll.id !== id);
}

/** Absolute counts, as the server coalesced them. */
export function applyPollCounts(
  polls: PollsState,
  counts: { id: string; options: { id: string; votes: number }[]; voters: number },
): void {
  const poll = polls.polls.find((held) => held.id === counts.id);
  if (!poll) return;
  for (const option of poll.options) {
    const counted = counts.options.find((candidate) => candidate.id === option.id);
    if (counted) option.votes = counted.votes;
  }
  poll.voters = counts.voters;
}

export function applyPollEvent(polls: PollsState, event: PollEvent): void {
  switch (event.type) {
    case 'poll.updated':
      upsertPoll(polls, event.data);
      break;
    case 'poll.removed':
      removePoll(polls, event.data.id);
      break;
    case 'poll.votes':
      applyPollCounts(polls, event.data);
      break;
  }
}

/** My vote as the server took it, with the poll as it now is. */
export function applyMyPollVote(polls: PollsState, poll: Poll, optionIds: string[]): void {
  upsertPoll(polls, poll);
  polls.myVotes = { ...polls.myVotes, [poll.id]: optionIds };
}

// ---- Views -------------------------------------------------------------------------------------

const STATUS_ORDER = { open: 0, draft: 1, closed: 2 } as const;

/** The running poll first, then drafts in the order they were made, then closed ones, the latest first. */
export function pollsInOrder(polls: readonly Poll[]): Poll[] {
  return polls
    .map((poll, index) => ({ poll, index }))
    .sort((a, b) => {
      const byStatus = STATUS_ORDER[a.poll.status] - STATUS_ORDER[b.poll.status];
      if (byStatus !== 0) return byStatus;
      if (a.poll.status === 'closed') return Date.parse(b.poll.closedAt ?? '') - Date.parse(a.poll.closedAt ?? '') || 0;
      return a.index - b.index;
    })
    .map(({ poll }) => poll);
}

/** Each option's share of the voters, in whole percent (a multiple-choice poll's shares add up beyond 100). */
export function optionShares(poll: Poll): { id: string; text: string; votes: number; percent: number }[] {
  const voters = poll.voters ?? 0;
  return poll.options.map((option) => {
    const votes = option.votes ?? 0;
    return { id: option.id, text: option.text, votes, percent: voters > 0 ? Math.round((votes / voters) * 100) : 0 };
  });
}

/** Open polls this viewer has not answered yet: what the tab's count says. */
export function pollsWaitingForMe(state: PollsState): number {
  return state.polls.filter((poll) => poll.status === 'open' && !state.myVotes[poll.id]).length;
}
