import { ApiProblem } from '../../api/problem.ts';

/** The server's "confirm your address first" (403 email_unconfirmed): what an address grants waits for it. */
export function isEmailUnconfirmed(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.problem?.code === 'email_unconfirmed';
}
