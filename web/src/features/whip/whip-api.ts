import type { WhipKey, WhipShownAs } from '@serambi/shared';
import { useApi } from '../../api/ApiProvider.tsx';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';
import { bearer } from '../room/room-api.ts';

/** The WHIP key calls of one session (room ticket). */
export interface WhipApi {
  current(ticket: string): Promise<WhipKey | null>;
  issue(ticket: string, as: WhipShownAs): Promise<WhipKey>;
  revoke(ticket: string): Promise<void>;
}

export function useWhipApi(sessionRef: () => string): WhipApi {
  const api = useApi();
  const keys = () => api.sessions[':ref'].room['whip-key'];
  const param = () => ({ ref: sessionRef() });
  return {
    current: async (ticket) => (await expectSuccess(await keys().$get({ param: param() }, bearer(ticket)))).key,
    issue: async (ticket, as) => expectSuccess(await keys().$post({ param: param(), json: { as } }, bearer(ticket))),
    revoke: async (ticket) => expectNoContent(await keys().$delete({ param: param() }, bearer(ticket))),
  };
}
