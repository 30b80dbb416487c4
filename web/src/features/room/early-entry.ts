import type { JoinRoomResult, MyRegistration } from '@serambi/shared';
import { type ApiClient, expectSuccess } from '../../api/client.ts';
import { fetchMyRegistration } from '../registrations/registrations-api.ts';

/**
 * A personal link opened straight into the room (`/j/:secret/live`, the address in the mails):
 * the app asks which session the link is for and joins it while the room's code is still on its
 * way, rather than after. The room takes the answers once, as if it had asked itself; anything
 * later (a renewal, a rejoin) asks the server again.
 */
interface EarlyEntry {
  secret: string;
  registration?: Promise<MyRegistration>;
  join?: Promise<{ ref: string; result: JoinRoomResult }>;
}

let early: EarlyEntry | undefined;

const PERSONAL_LINK_TO_ROOM = /^\/j\/([^/]+)\/live\/?$/;

/** Starts the registration and join requests when `pathname` is a personal link into the room. */
export function startEarlyRoomEntry(pathname: string, api: ApiClient): void {
  const secret = PERSONAL_LINK_TO_ROOM.exec(pathname)?.[1];
  if (!secret) return;
  const registration = fetchMyRegistration(api, secret);
  const join = registration.then(async ({ session }) => ({
    ref: session.slug,
    result: await expectSuccess(
      await api.sessions[':ref'].room.join.$post({ param: { ref: session.slug }, json: { joinSecret: secret } }),
    ),
  }));
  // Whoever takes an answer handles its failure; one nobody takes is not an unhandled rejection.
  registration.catch(() => undefined);
  join.catch(() => undefined);
  early = { secret, registration, join };
}

/** The registration asked for early for this link, once. */
export function takeEarlyRegistration(secret: string): Promise<MyRegistration> | undefined {
  if (early?.secret !== secret) return undefined;
  const { registration } = early;
  early.registration = undefined;
  return registration;
}

/** The join asked for early for this link into the session `ref`, once. */
export function takeEarlyJoin(ref: string, secret: string | undefined): Promise<JoinRoomResult> | undefined {
  if (!secret || early?.secret !== secret || !early.join) return undefined;
  const { join } = early;
  early.join = undefined;
  return join.then((answer) => {
    // Cannot happen (the room's ref comes from the same registration), but a join of another
    // session must never be taken for this one's.
    if (answer.ref !== ref) throw new Error(`joined ${answer.ref} early, not ${ref}`);
    return answer.result;
  });
}
