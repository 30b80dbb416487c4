import type { AskQuestionRequest, Question, QuestionAction, VoteResult } from '@serambi/shared';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';
import { bearer } from '../room/room-api.ts';
import { useRoom } from '../room/room-context.ts';
import { addMyQuestion, applyMyVote, withdrawMyQuestion } from './qa-state.ts';

/** The Q&A routes of one session's room; each call carries the room ticket. */
export function createQaApi(api: ApiClient, sessionRef: () => string) {
  const questions = () => api.sessions[':ref'].room.questions;
  const param = () => ({ ref: sessionRef() });
  const one = (id: string) => ({ param: { ...param(), id } });
  return {
    ask: async (ticket: string, json: AskQuestionRequest): Promise<Question> =>
      expectSuccess(await questions().$post({ param: param(), json }, bearer(ticket))),
    edit: async (ticket: string, id: string, text: string): Promise<Question> =>
      expectSuccess(await questions()[':id'].$patch({ ...one(id), json: { text } }, bearer(ticket))),
    withdraw: async (ticket: string, id: string) =>
      expectNoContent(await questions()[':id'].$delete(one(id), bearer(ticket))),
    vote: async (ticket: string, id: string, voted: boolean): Promise<VoteResult> =>
      expectSuccess(await questions()[':id'].vote.$put({ ...one(id), json: { voted } }, bearer(ticket))),
    merge: async (ticket: string, id: string, into: string) =>
      expectNoContent(await questions()[':id'].merge.$post({ ...one(id), json: { into } }, bearer(ticket))),
    act: async (ticket: string, id: string, action: QuestionAction) =>
      expectNoContent(await questions()[':id'][':action'].$post({ param: { ...param(), id, action } }, bearer(ticket))),
  };
}

/**
 * Q&A calls from inside the room, with the ticket renewed when it ran out; what the server
 * answers about the caller's own question or vote is folded into the room at once, before
 * the event that announces it to everyone arrives.
 */
export function useQaCalls() {
  const room = useRoom();
  const api = createQaApi(useApi(), room.sessionRef);
  const { state } = room;
  const keep = (question: Question) => state.applyOutOfBand({ type: 'qa.question', data: question });
  return {
    async ask(request: AskQuestionRequest): Promise<Question> {
      const question = await state.withTicket((ticket) => api.ask(ticket, request));
      keep(question);
      state.update((snapshot) => addMyQuestion(snapshot.qa, question));
      return question;
    },
    async edit(id: string, text: string): Promise<Question> {
      const question = await state.withTicket((ticket) => api.edit(ticket, id, text));
      keep(question);
      return question;
    },
    async withdraw(id: string): Promise<void> {
      await state.withTicket((ticket) => api.withdraw(ticket, id));
      state.update((snapshot) => withdrawMyQuestion(snapshot.qa, id));
    },
    async vote(id: string, voted: boolean): Promise<VoteResult> {
      const result = await state.withTicket((ticket) => api.vote(ticket, id, voted));
      state.update((snapshot) => applyMyVote(snapshot.qa, id, result));
      return result;
    },
    merge: (id: string, into: string) => state.withTicket((ticket) => api.merge(ticket, id, into)),
    act: (id: string, action: QuestionAction) => state.withTicket((ticket) => api.act(ticket, id, action)),
  };
}

export type QaCalls = ReturnType<typeof useQaCalls>;
