import type { Reaction } from '@serambi/shared';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent } from '../../api/problem.ts';
import { bearer } from '../room/room-api.ts';
import { useRoom } from '../room/room-context.ts';

/** Sends one reaction; the server counts them and broadcasts bursts. */
export function createReactionsApi(api: ApiClient, sessionRef: () => string) {
  return {
    send: async (ticket: string, reaction: Reaction) =>
      expectNoContent(
        await api.sessions[':ref'].room.reactions.$post(
          { param: { ref: sessionRef() }, json: { reaction } },
          bearer(ticket),
        ),
      ),
  };
}

export function useReactionCalls() {
  const room = useRoom();
  const api = createReactionsApi(useApi(), room.sessionRef);
  return { send: (reaction: Reaction) => room.state.withTicket((ticket) => api.send(ticket, reaction)) };
}
