import type { JoinRoomResult, RoomOrLobbySnapshot } from '@serambi/shared';
import { useApi } from '../../api/ApiProvider.tsx';
import { ApiProblem, expectNoContent, expectSuccess } from '../../api/problem.ts';
import { takeEarlyJoin } from './early-entry.ts';

/**
 * The room's HTTP calls for one session. Join answers a short-lived ticket; every other call
 * carries it as a bearer credential, and a `room_ticket` problem means "join again".
 */
export interface RoomApi {
  join(joinSecret: string | undefined): Promise<JoinRoomResult>;
  /** The room, or only the lobby for someone not let in (yet). */
  snapshot(ticket: string): Promise<RoomOrLobbySnapshot>;
  setHand(ticket: string, raised: boolean): Promise<void>;
  answerStageInvitation(ticket: string, accept: boolean): Promise<void>;
  leaveStage(ticket: string): Promise<void>;
  goLive(ticket: string): Promise<void>;
}

/** The room ticket as the room's endpoints take it. */
export const bearer = (ticket: string) => ({ headers: { Authorization: `Bearer ${ticket}` } });

export function useRoomApi(sessionRef: () => string): RoomApi {
  const api = useApi();
  const room = () => api.sessions[':ref'].room;
  const param = () => ({ ref: sessionRef() });
  return {
    join: async (joinSecret) =>
      (await takeEarlyJoin(sessionRef(), joinSecret)) ??
      expectSuccess(await room().join.$post({ param: param(), json: joinSecret ? { joinSecret } : {} })),
    snapshot: async (ticket) => expectSuccess(await room().$get({ param: param() }, bearer(ticket))),
    setHand: async (ticket, raised) =>
      expectNoContent(await room().hand.$post({ param: param(), json: { raised } }, bearer(ticket))),
    answerStageInvitation: async (ticket, accept) =>
      expectNoContent(await room().stage.answer.$post({ param: param(), json: { accept } }, bearer(ticket))),
    leaveStage: async (ticket) => expectNoContent(await room().stage.leave.$post({ param: param() }, bearer(ticket))),
    goLive: async (ticket) => expectNoContent(await room().live.$post({ param: param() }, bearer(ticket))),
  };
}

/** The API's stable code of a refusal, if it was one. */
export function problemCode(error: unknown): string | undefined {
  return error instanceof ApiProblem ? error.problem?.code : undefined;
}

/** A ticket that ran out: join again for a fresh one, then retry. */
export const isExpiredTicket = (error: unknown) =>
  error instanceof ApiProblem && error.status === 401 && problemCode(error) === 'room_ticket';

/** Worth trying again later: the network, the server or LiveKit was away. */
export const isTransient = (error: unknown) => !(error instanceof ApiProblem) || error.status >= 500;
