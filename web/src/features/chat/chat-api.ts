import type { ChatMessage, Question, SendChatMessageRequest } from '@serambi/shared';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';
import { bearer } from '../room/room-api.ts';
import { useRoom } from '../room/room-context.ts';
import { addChatMessage } from './chat-state.ts';

/** The chat routes of one session's room; each call carries the room ticket. */
export function createChatApi(api: ApiClient, sessionRef: () => string) {
  const chat = () => api.sessions[':ref'].room.chat;
  const param = () => ({ ref: sessionRef() });
  return {
    send: async (ticket: string, json: SendChatMessageRequest): Promise<ChatMessage> =>
      expectSuccess(await chat().$post({ param: param(), json }, bearer(ticket))),
    remove: async (ticket: string, id: string) =>
      expectNoContent(await chat()[':id'].$delete({ param: { ...param(), id } }, bearer(ticket))),
    makeQuestion: async (ticket: string, id: string): Promise<Question> =>
      expectSuccess(await chat()[':id'].question.$post({ param: { ...param(), id } }, bearer(ticket))),
  };
}

/** Chat calls from inside the room; a sent message shows at once, its event finds it already there. */
export function useChatCalls() {
  const room = useRoom();
  const api = createChatApi(useApi(), room.sessionRef);
  const { state } = room;
  return {
    async send(request: SendChatMessageRequest): Promise<ChatMessage> {
      const message = await state.withTicket((ticket) => api.send(ticket, request));
      state.update((snapshot) => addChatMessage(snapshot.chat, message));
      return message;
    },
    remove: (id: string) => state.withTicket((ticket) => api.remove(ticket, id)),
    async makeQuestion(id: string): Promise<Question> {
      const question = await state.withTicket((ticket) => api.makeQuestion(ticket, id));
      state.applyOutOfBand({ type: 'qa.question', data: question });
      state.update((snapshot) => {
        const message = snapshot.chat.messages.find((held) => held.id === id);
        if (message) message.questionId = question.id;
      });
      return question;
    },
  };
}
