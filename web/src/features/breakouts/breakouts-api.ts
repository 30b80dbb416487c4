import type {
  AskBreakoutHelpRequest,
  BreakoutConnection,
  BreakoutState,
  BroadcastBreakoutsRequest,
  ExtendBreakoutsRequest,
  OpenBreakoutsRequest,
} from '@serambi/shared';
import { ApiProblem } from '../../api/problem.ts';
import { currentLocale } from '../../i18n/I18nProvider.tsx';

/**
 * The breakout routes of one session's room (docs/breakouts.md), each call carrying the room
 * ticket. Plain `fetch` with the shared schemas' types: the typed client learns these routes
 * from the server's ApiRoutes once the breakout capability is merged beside this page.
 */
export interface BreakoutsApi {
  open(ticket: string, request: OpenBreakoutsRequest): Promise<BreakoutState>;
  place(ticket: string, identity: string, tableId: string | null): Promise<BreakoutState>;
  choose(ticket: string, tableId: string | null): Promise<BreakoutState>;
  extend(ticket: string, request: ExtendBreakoutsRequest): Promise<BreakoutState>;
  broadcast(ticket: string, request: BroadcastBreakoutsRequest): Promise<void>;
  askForHelp(ticket: string, request: AskBreakoutHelpRequest): Promise<void>;
  end(ticket: string): Promise<BreakoutState>;
  /** Where to connect now: a table, or the main room (`null`). */
  connect(ticket: string, tableId: string | null): Promise<BreakoutConnection>;
}

export function createBreakoutsApi(sessionRef: () => string): BreakoutsApi {
  const base = () => `/api/sessions/${encodeURIComponent(sessionRef())}/room/breakouts`;

  async function call<T>(method: 'POST' | 'PUT', path: string, ticket: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${ticket}`,
        'Accept-Language': currentLocale(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ApiProblem.fromResponse(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    open: (ticket, request) => call('POST', '', ticket, request),
    place: (ticket, identity, tableId) =>
      call('PUT', `/placements/${encodeURIComponent(identity)}`, ticket, { tableId }),
    choose: (ticket, tableId) => call('POST', '/choose', ticket, { tableId }),
    extend: (ticket, request) => call('POST', '/extend', ticket, request),
    broadcast: (ticket, request) => call('POST', '/broadcast', ticket, request),
    askForHelp: (ticket, request) => call('POST', '/help', ticket, request),
    end: (ticket) => call('POST', '/end', ticket),
    connect: (ticket, tableId) => call('POST', '/connect', ticket, { tableId }),
  };
}
