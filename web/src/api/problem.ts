import type { Problem } from '@serambi/shared';
import type { ClientResponse } from 'hono/client';

/** A non-2xx answer of the API. `problem` is absent when the body was not problem details (e.g. a proxy's error page). */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? `The API answered ${status}`);
  }

  static async fromResponse(response: Pick<Response, 'status' | 'headers' | 'json'>): Promise<ApiProblem> {
    const contentType = response.headers.get('Content-Type') ?? '';
    if (!contentType.includes('json')) return new ApiProblem(response.status, undefined);
    const body: unknown = await response.json();
    return new ApiProblem(response.status, isProblem(body) ? body : undefined);
  }
}

type SuccessBody<R> =
  R extends ClientResponse<infer Body, infer Status, 'json'>
    ? Status extends 200 | 201 | 202 | 203 | 206 | 207 | 208 | 226
      ? Body
      : never
    : never;

/** The JSON body of a 2xx answer; any other status becomes an ApiProblem. */
export async function expectSuccess<R extends ClientResponse<unknown, number, string>>(
  response: R,
): Promise<SuccessBody<R>> {
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return (await response.json()) as SuccessBody<R>;
}

/** A 2xx answer without a body (204); any other status becomes an ApiProblem. */
export async function expectNoContent(response: Pick<Response, 'ok' | 'status' | 'headers' | 'json'>): Promise<void> {
  if (!response.ok) throw await ApiProblem.fromResponse(response);
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Problem).status === 'number' &&
    typeof (body as Problem).code === 'string' &&
    typeof (body as Problem).detail === 'string'
  );
}
