import fc from 'fast-check';
import type { FuzzWorld } from './fixtures.ts';
import type { OpenApiDocument, Operation } from './openapi.ts';
import { describeRequest, type FuzzRequest, requestsFor } from './requests.ts';
import type { AnsweredStatuses } from './statuses.ts';

export interface FuzzSettings {
  seed: number;
  /** Requests per operation. */
  runs: number;
}

/**
 * The fuzz's knobs: FUZZ_SEED and FUZZ_RUNS (per operation); FUZZ_ONLY keeps operations whose
 * key contains it; FUZZ_TRACE prints every request with its status.
 */
export function fuzzSettingsFromEnv(defaults: FuzzSettings): FuzzSettings & { only: string | undefined } {
  const seed = Number(process.env.FUZZ_SEED ?? defaults.seed);
  const runs = Number(process.env.FUZZ_RUNS ?? defaults.runs);
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(
      `FUZZ_SEED and FUZZ_RUNS must be integers (got ${process.env.FUZZ_SEED}, ${process.env.FUZZ_RUNS})`,
    );
  }
  return { seed, runs, only: process.env.FUZZ_ONLY };
}

export interface FuzzFailure {
  operation: string;
  seed: number;
  request: string;
  problems: string[];
}

/** A request that was answered 2xx: its body holds text that is now stored. */
export interface Accepted {
  operation: string;
  request: FuzzRequest;
  status: number;
}

/**
 * Sends `runs` generated requests to each operation (one operation after the other, each with
 * its own seed derived from `seed`) and collects every answer that breaks the contract: a 5xx,
 * an error that is not problem details with a message, or declared JSON that does not parse.
 */
export async function fuzzOperations(
  baseUrl: string,
  doc: OpenApiDocument,
  operations: Operation[],
  world: FuzzWorld,
  settings: FuzzSettings,
  answered: AnsweredStatuses,
): Promise<{ failures: FuzzFailure[]; accepted: Accepted[]; sent: number; statuses: Map<number, number> }> {
  const failures: FuzzFailure[] = [];
  const accepted: Accepted[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  let previous = '(none)';
  for (const operation of operations) {
    const seed = (settings.seed + hashOf(operation.key)) | 0;
    const requests = requestsFor(doc, operation, world.pathValues, world.ids);
    const details = await fc.check(
      fc.asyncProperty(requests, async (request) => {
        sent++;
        const problems = await answerProblems(baseUrl, world, operation, request, (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          answered.note(operation.key, status, describeRequest(request));
          if (status < 300) accepted.push({ operation: operation.key, request, status });
        });
        if (problems.length > 0) {
          // A broken connection is often the previous request's doing: say which it was.
          const after = problems.some((p) => p.startsWith('no answer')) ? [`(after ${previous})`] : [];
          failures.push({
            operation: operation.key,
            seed,
            request: describeRequest(request),
            problems: [...problems, ...after],
          });
        }
        previous = describeRequest(request);
        // Every run goes on after a failure, and none is shrunk: each try changes the stored state.
        return true;
      }),
      { seed, numRuns: settings.runs, endOnFailure: true },
    );
    if (details.failed && details.errorInstance && !failures.some((f) => f.operation === operation.key)) {
      failures.push({
        operation: operation.key,
        seed,
        request: '(generation)',
        problems: [String(details.errorInstance)],
      });
    }
  }
  return { failures, accepted, sent, statuses };
}

async function answerProblems(
  baseUrl: string,
  world: FuzzWorld,
  operation: Operation,
  request: FuzzRequest,
  onStatus: (status: number) => void,
): Promise<string[]> {
  let response: Response;
  try {
    response = await send(baseUrl, world, request);
  } catch (error) {
    if (process.env.FUZZ_TRACE) console.info(`--- no answer: ${describeRequest(request)}`);
    return [`no answer: ${String(error)} (${String((error as { cause?: unknown }).cause)})`];
  }
  onStatus(response.status);
  if (process.env.FUZZ_TRACE) console.info(`${response.status} ${describeRequest(request)}`);
  return contractProblems(operation, response);
}

/** Sends one request as its sender (cookie, room ticket or nobody). */
export function send(baseUrl: string, world: FuzzWorld, request: FuzzRequest): Promise<Response> {
  const headers: Record<string, string> = { Origin: baseUrl };
  if (request.contentType) headers['Content-Type'] = request.contentType;
  const cookie =
    request.sender === 'organizer'
      ? world.organizer.cookie
      : request.sender === 'stranger'
        ? world.stranger.cookie
        : null;
  if (cookie) headers.Cookie = cookie;
  const ticket =
    request.sender === 'host-ticket'
      ? world.host.join.ticket
      : request.sender === 'member-ticket'
        ? world.member.join.ticket
        : request.sender === 'forged-ticket'
          ? `${world.host.join.ticket.slice(0, -4)}AAAA`
          : null;
  if (ticket) headers.Authorization = `Bearer ${ticket}`;
  return fetch(`${baseUrl}${request.url}`, {
    method: request.method,
    headers,
    body: request.body,
    redirect: 'manual',
  });
}

/** What is wrong with an answer, by the API's own promises; empty when nothing is. */
export async function contractProblems(operation: Pick<Operation, 'successTypes'>, response: Response) {
  const problems: string[] = [];
  const type = response.headers.get('content-type') ?? '';
  const text = new TextDecoder().decode(await response.arrayBuffer());
  if (response.status >= 500) problems.push(`answered ${response.status}: ${text.slice(0, 300)}`);
  else if (response.status >= 400) {
    if (!type.startsWith('application/problem+json')) problems.push(`${response.status} as ${type}, not problem+json`);
    const body = parsed(text) as { title?: unknown; detail?: unknown; status?: unknown } | undefined;
    if (!body) problems.push(`${response.status} body is not JSON: ${text.slice(0, 200)}`);
    else {
      if (typeof body.title !== 'string' || body.title.trim() === '') problems.push('problem without a title');
      if (typeof body.detail !== 'string' || body.detail.trim() === '') problems.push('problem without a detail');
      if (body.status !== response.status) problems.push(`problem says status ${body.status}`);
    }
  } else if (response.status >= 200 && response.status !== 204 && type.startsWith('application/json')) {
    if (parsed(text) === undefined) problems.push(`${response.status} JSON that does not parse: ${text.slice(0, 200)}`);
  } else if (response.status >= 200 && response.status < 300 && response.status !== 204) {
    const declared = operation.successTypes.some((declaredType) => type.startsWith(declaredType.split(';')[0] ?? ''));
    if (!declared && operation.successTypes.length > 0) {
      problems.push(`${response.status} as ${type}, declared ${operation.successTypes.join(', ')}`);
    }
  }
  return problems;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  return hash;
}

/**
 * After the fuzz stored what it could, reads every GET operation with real ids as the organizer:
 * an export, feed or picture that chokes on stored text fails here, not in the fuzz.
 */
export async function rereadProblems(
  baseUrl: string,
  operations: Operation[],
  world: FuzzWorld,
  answered?: AnsweredStatuses,
) {
  const failures: FuzzFailure[] = [];
  for (const operation of operations.filter((o) => o.method === 'GET')) {
    for (const url of realUrlsOf(operation, world)) {
      const request: FuzzRequest = {
        method: 'GET',
        url,
        sender: operation.usesRoomTicket ? 'host-ticket' : 'organizer',
        contentType: null,
        body: undefined,
        bodyKind: 'none',
      };
      const problems = await answerProblems(baseUrl, world, operation, request, (status) =>
        answered?.note(operation.key, status, describeRequest(request)),
      );
      if (problems.length > 0) {
        failures.push({
          operation: `${operation.key} (re-read)`,
          seed: 0,
          request: describeRequest(request),
          problems,
        });
      }
    }
  }
  return failures;
}

/** The operation's path with each combination of real values (at most a handful). */
function realUrlsOf(operation: Operation, world: FuzzWorld): string[] {
  let paths = [operation.path];
  for (const param of operation.pathParams) {
    const values = [...new Set(world.pathValues[param.name] ?? ['x'])];
    paths = paths.flatMap((path) => values.map((value) => path.replace(`{${param.name}}`, value))).slice(0, 12);
  }
  return paths.map((path) => `/api${path}`);
}
