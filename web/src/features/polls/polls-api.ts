import type { Poll, PollAction, PollDraft } from '@serambi/shared';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';
import { bearer } from '../room/room-api.ts';
import { useRoom } from '../room/room-context.ts';
import { applyMyPollVote } from './poll-state.ts';

/** The poll routes of one session's room; each call carries the room ticket. */
export function createPollsApi(api: ApiClient, sessionRef: () => string) {
  const polls = () => api.sessions[':ref'].room.polls;
  const param = () => ({ ref: sessionRef() });
  const one = (id: string) => ({ param: { ...param(), id } });
  return {
    create: async (ticket: string, json: PollDraft): Promise<Poll> =>
      expectSuccess(await polls().$post({ param: param(), json }, bearer(ticket))),
    update: async (ticket: string, id: string, json: PollDraft): Promise<Poll> =>
      expectSuccess(await polls()[':id'].$put({ ...one(id), json }, bearer(ticket))),
    remove: async (ticket: string, id: string) =>
      expectNoContent(await polls()[':id'].$delete(one(id), bearer(ticket))),
    act: async (ticket: string, id: string, action: PollAction): Promise<Poll> =>
      expectSuccess(await polls()[':id'][':action'].$post({ param: { ...param(), id, action } }, bearer(ticket))),
    vote: async (ticket: string, id: string, optionIds: string[]): Promise<Poll> =>
      expectSuccess(await polls()[':id'].vote.$post({ ...one(id), json: { optionIds } }, bearer(ticket))),
  };
}

/** Poll calls from inside the room; each answer is folded into the room at once. */
export function usePollCalls() {
  const room = useRoom();
  const api = createPollsApi(useApi(), room.sessionRef);
  const { state } = room;
  const keep = (poll: Poll) => {
    state.applyOutOfBand({ type: 'poll.updated', data: poll });
    return poll;
  };
  return {
    create: async (draft: PollDraft) => keep(await state.withTicket((ticket) => api.create(ticket, draft))),
    update: async (id: string, draft: PollDraft) =>
      keep(await state.withTicket((ticket) => api.update(ticket, id, draft))),
    async remove(id: string): Promise<void> {
      await state.withTicket((ticket) => api.remove(ticket, id));
      state.applyOutOfBand({ type: 'poll.removed', data: { id } });
    },
    act: async (id: string, action: PollAction) =>
      keep(await state.withTicket((ticket) => api.act(ticket, id, action))),
    async vote(id: string, optionIds: string[]): Promise<Poll> {
      const poll = await state.withTicket((ticket) => api.vote(ticket, id, optionIds));
      state.applyOutOfBand({ type: 'poll.updated', data: poll });
      state.update((snapshot) => applyMyPollVote(snapshot.polls, poll, optionIds));
      return poll;
    },
  };
}
