import type { FuzzWorld } from './fixtures.ts';
import { type JsonSchema, type OpenApiDocument, type Operation, resolve } from './openapi.ts';
import { describeRequest, type FuzzRequest } from './requests.ts';
import { type Accepted, contractProblems, type FuzzFailure, send } from './run.ts';
import type { AnsweredStatuses } from './statuses.ts';
import { BOUNDARY_TIMES, boundaryDates, boundaryInstants, daylightSavingGaps } from './values.ts';

/**
 * Every date, time and instant field of every request body, sent each boundary value of its
 * kind (values.ts) in a body that is otherwise plain and valid, by the operation's usual sender
 * with real ids: the date alone decides how far the request gets. Where a body has a zone next
 * to its date and time (a series' schedule), the local times clocks skip are sent there too.
 * A few runs of the random fuzz seldom put a bad year into an otherwise valid request; this
 * does it for each field, every time.
 */
export async function fuzzBoundaryDates(
  baseUrl: string,
  doc: OpenApiDocument,
  operations: Operation[],
  world: FuzzWorld,
  answered: AnsweredStatuses,
): Promise<{ failures: FuzzFailure[]; accepted: Accepted[]; sent: number }> {
  const failures: FuzzFailure[] = [];
  const accepted: Accepted[] = [];
  let sent = 0;
  for (const operation of operations) {
    if (!operation.body) continue;
    const url = `/api${realPath(operation, world)}`;
    const sender = operation.usesRoomTicket ? 'host-ticket' : 'organizer';
    for (const edits of boundaryEdits(doc, operation.body)) {
      const body = JSON.stringify(plainValue(doc, operation.body, edits, world.ids));
      const request: FuzzRequest = {
        method: operation.method,
        url,
        sender,
        contentType: 'application/json',
        body,
        bodyKind: 'boundary date',
      };
      sent++;
      const response = await send(baseUrl, world, request);
      answered.note(operation.key, response.status, describeRequest(request));
      if (response.status < 300) accepted.push({ operation: operation.key, request, status: response.status });
      const problems = [
        ...(await contractProblems(operation, response.clone())),
        ...(await refusedForAnotherField(response, edits)),
      ];
      if (problems.length > 0) {
        failures.push({ operation: operation.key, seed: 0, request: `${request.method} ${url} ${body}`, problems });
      }
    }
  }
  return { failures, accepted, sent };
}

/**
 * A refusal must be about the date sent (a field the edits touched, by its name), or the body
 * around it was not as plain and valid as it should be and the pass proved nothing there.
 */
async function refusedForAnotherField(response: Response, edits: Edit[]): Promise<string[]> {
  if (response.status < 400 || response.status >= 500) return [];
  const problem = (await response.json().catch(() => ({}))) as { errors?: Array<{ path: string }> };
  const edited = new Set(edits.map((edit) => edit.path.flatMap((step) => ('key' in step ? [step.key] : [])).at(-1)));
  const named = (problem.errors ?? []).some((error) => edited.has(error.path.split('.').at(-1)));
  return named ? [] : [`refused for something other than the date: ${response.status} ${JSON.stringify(problem)}`];
}

/** One step into a body: a property, or a choice of a oneOf/anyOf. */
type Step = { key: string } | { choice: number };
interface Edit {
  path: Step[];
  value: unknown;
}
type DateFormat = 'date-time' | 'date' | 'time';

interface Slot {
  path: Step[];
  format: DateFormat;
}

/** The edits to send, one list per request: each slot with each of its values, then the zone gaps. */
function boundaryEdits(doc: OpenApiDocument, body: JsonSchema): Edit[][] {
  const slots = slotsOf(doc, body, []);
  const values: Record<DateFormat, readonly string[]> = {
    'date-time': boundaryInstants(),
    date: boundaryDates(),
    time: BOUNDARY_TIMES,
  };
  const single = slots.flatMap((slot) => values[slot.format].map((value) => [{ path: slot.path, value }]));
  return [...single, ...zoneGapEdits(slots)];
}

/** For each object holding a zone beside a date and a time: that zone, on the day it skips that time. */
function zoneGapEdits(slots: Slot[]): Edit[][] {
  const parentKey = (path: Step[]) => JSON.stringify(path.slice(0, -1));
  const edits: Edit[][] = [];
  for (const date of slots.filter((slot) => slot.format === 'date')) {
    const time = slots.find((slot) => slot.format === 'time' && parentKey(slot.path) === parentKey(date.path));
    if (!time) continue;
    const zonePath = [...date.path.slice(0, -1), { key: 'timeZone' }];
    for (const gap of daylightSavingGaps()) {
      edits.push([
        { path: date.path, value: gap.date },
        { path: time.path, value: gap.time },
        { path: zonePath, value: gap.timeZone },
      ]);
    }
  }
  return edits;
}

function slotsOf(doc: OpenApiDocument, raw: JsonSchema, path: Step[], depth = 0): Slot[] {
  if (depth > 8) return [];
  const schema = resolve(doc, raw);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) return choices.flatMap((choice, n) => slotsOf(doc, choice, [...path, { choice: n }], depth + 1));
  const format = schema.format;
  if (format === 'date-time' || format === 'date' || format === 'time') return [{ path, format }];
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) =>
    slotsOf(doc, property, [...path, { key }], depth + 1),
  );
}

/**
 * A plain, valid value of `raw` (required properties only, the first choice, a string's example,
 * a number's default or lower bound, a date a week ahead) with `edits` applied along their paths.
 */
function plainValue(doc: OpenApiDocument, raw: JsonSchema, edits: Edit[], ids: string[], depth = 0): unknown {
  const here = edits.find((edit) => edit.path.length === 0);
  if (here) return here.value;
  const schema = resolve(doc, raw);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) {
    const chosen = edits.map((edit) => edit.path[0]).find((step) => step && 'choice' in step);
    const index = chosen && 'choice' in chosen ? chosen.choice : firstNotNull(doc, choices);
    return plainValue(doc, choices[index] ?? {}, deeper(edits, { choice: index }), ids, depth + 1);
  }
  if (schema.enum) return schema.enum[0];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') || schema.properties) {
    const value: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const under = deeper(edits, { key });
      if (under.length > 0 || schema.required?.includes(key)) {
        value[key] = plainValue(doc, property, under, ids, depth + 1);
      }
    }
    return value;
  }
  if (types.includes('array')) {
    return schema.items
      ? Array.from({ length: schema.minItems ?? 0 }, () => plainValue(doc, schema.items ?? {}, [], ids))
      : [];
  }
  if (types.includes('integer') || types.includes('number')) return schema.default ?? schema.minimum ?? 1;
  if (types.includes('boolean')) return false;
  if (types.includes('string')) return plainString(schema, ids);
  return null;
}

function plainString(schema: JsonSchema, ids: string[]): string {
  const weekAhead = new Date(Date.now() + 7 * 86_400_000).toISOString();
  if (typeof schema.example === 'string' && !schema.format) return schema.example;
  switch (schema.format) {
    case 'date-time':
      return weekAhead;
    case 'date':
      return weekAhead.slice(0, 10);
    case 'time':
      return '19:30';
    case 'email':
      return 'batas.tanggal@example.id';
    case 'uri':
      return 'https://example.id/logo.png';
    case 'uuid':
      return ids[0] ?? '00000000-0000-4000-8000-000000000000';
  }
  const text = 'Batas Tanggal Fuzz';
  return text.padEnd(schema.minLength ?? 0, '.').slice(0, schema.maxLength ?? text.length);
}

function firstNotNull(doc: OpenApiDocument, choices: JsonSchema[]): number {
  const index = choices.findIndex((choice) => resolve(doc, choice).type !== 'null');
  return Math.max(0, index);
}

/** The edits under `step`, with it taken off their paths. */
function deeper(edits: Edit[], step: Step): Edit[] {
  return edits.flatMap((edit) => {
    const [first, ...rest] = edit.path;
    return first && JSON.stringify(first) === JSON.stringify(step) ? [{ path: rest, value: edit.value }] : [];
  });
}

/** The operation's path with the first real value of each parameter (the live session, the series). */
function realPath(operation: Operation, world: FuzzWorld): string {
  return operation.pathParams.reduce(
    (path, param) => path.replace(`{${param.name}}`, world.pathValues[param.name]?.[0] ?? 'x'),
    operation.path,
  );
}
