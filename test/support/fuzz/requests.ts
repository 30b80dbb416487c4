import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument, Operation } from './openapi.ts';
import { HOSTILE_STRINGS, HUGE_STRING, JUNK_PATH_SEGMENTS } from './payloads.ts';
import { valueFor } from './values.ts';

/** Who sends a request: the fixtures give each a cookie or a room ticket. */
export type Sender = 'organizer' | 'stranger' | 'anonymous' | 'host-ticket' | 'member-ticket' | 'forged-ticket';

export interface FuzzRequest {
  method: string;
  /** Under /api, path parameters filled in, with the query string. */
  url: string;
  sender: Sender;
  contentType: string | null;
  body: string | undefined;
  /** What kind of body this is ("valid-ish", "missing required", …), for the failure message. */
  bodyKind: string;
}

/** The values the fixtures hold for each path parameter name (real ids), tried most of the time. */
export type PathValues = Record<string, string[]>;

/** Requests for one operation: real or junk path values, valid-ish or broken bodies and queries. */
export function requestsFor(
  doc: OpenApiDocument,
  operation: Operation,
  pathValues: PathValues,
  ids: string[],
): fc.Arbitrary<FuzzRequest> {
  const path = fc
    .tuple(...operation.pathParams.map((param) => pathValueFor(param.name, param.schema, pathValues)))
    .map((values) =>
      operation.pathParams.reduce(
        (filled, param, i) => filled.replace(`{${param.name}}`, values[i] ?? ''),
        operation.path,
      ),
    );
  const senders: Sender[] = operation.usesRoomTicket
    ? ['host-ticket', 'host-ticket', 'host-ticket', 'member-ticket', 'forged-ticket', 'anonymous']
    : ['organizer', 'organizer', 'organizer', 'stranger', 'anonymous'];
  return fc
    .record({
      path,
      query: queryFor(doc, operation, ids),
      sender: fc.constantFrom(...senders),
      body: operation.body
        ? bodyFor(doc, operation.body, ids)
        : // fetch refuses to send a body with GET.
          operation.method === 'GET'
          ? fc.constant(noBody)
          : fc.oneof({ weight: 9, arbitrary: fc.constant(noBody) }, { weight: 1, arbitrary: brokenBody }),
    })
    .map(({ path, query, sender, body }) => ({
      method: operation.method,
      url: `/api${path}${query}`,
      sender,
      ...body,
    }));
}

interface Body {
  contentType: string | null;
  body: string | undefined;
  bodyKind: string;
}

const noBody: Body = { contentType: null, body: undefined, bodyKind: 'none' };
const json = (value: unknown, bodyKind: string): Body => ({
  contentType: 'application/json',
  body: JSON.stringify(value),
  bodyKind,
});

/** Bodies that are not JSON, too deep, too big, or say they are something else. */
const brokenBody: fc.Arbitrary<Body> = fc.constantFrom<Body>(
  { contentType: 'application/json', body: '{', bodyKind: 'invalid JSON' },
  { contentType: 'application/json', body: "{'title': 1}", bodyKind: 'invalid JSON' },
  { contentType: 'application/json', body: '{"a":1,}', bodyKind: 'invalid JSON' },
  { contentType: 'application/json', body: '\uFEFF{}', bodyKind: 'JSON with a BOM' },
  { contentType: 'application/json', body: '', bodyKind: 'empty JSON' },
  { contentType: 'application/json', body: '\u0000', bodyKind: 'NUL body' },
  { contentType: 'application/json', body: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, bodyKind: 'deep arrays' },
  { contentType: 'application/json', body: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, bodyKind: 'deep objects' },
  { contentType: 'application/json', body: JSON.stringify({ text: HUGE_STRING }), bodyKind: 'over 1 MiB' },
  { contentType: 'text/plain', body: '{"title":"teks biasa"}', bodyKind: 'JSON as text/plain' },
  { contentType: 'application/x-www-form-urlencoded', body: 'title=a&title=b', bodyKind: 'form body' },
  { contentType: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--', bodyKind: 'multipart body' },
  { contentType: 'application/json; charset=utf-16', body: '{}', bodyKind: 'odd charset' },
  { contentType: null, body: '{}', bodyKind: 'no content type' },
);

function bodyFor(doc: OpenApiDocument, schema: JsonSchema, ids: string[]): fc.Arbitrary<Body> {
  const valid = valueFor(doc, schema, ids);
  const objectValid = valid.filter((value) => isObject(value) && Object.keys(value).length > 0) as fc.Arbitrary<
    Record<string, unknown>
  >;
  const oddValue = fc.oneof(
    fc.constantFrom<unknown>(null, true, 0, -1, 1e308, '', [], {}, [null], { $ne: 1 }, HUGE_STRING.slice(0, 100_000)),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.jsonValue({ maxDepth: 3 }),
  );
  return fc.oneof(
    { weight: 8, arbitrary: valid.map((value) => json(value, 'valid-ish')) },
    {
      weight: 2,
      arbitrary: fc.tuple(objectValid, fc.nat()).map(([value, n]) => {
        const keys = Object.keys(value);
        const { [keys[n % keys.length] as string]: _dropped, ...rest } = value;
        return json(rest, 'a field missing');
      }),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(objectValid, fc.nat(), oddValue).map(([value, n, odd]) => {
        const keys = Object.keys(value);
        return json({ ...value, [keys[n % keys.length] as string]: odd }, 'a field of the wrong type');
      }),
    },
    {
      weight: 1,
      arbitrary: valid.map((value) =>
        json(isObject(value) ? { ...value, extra: 'tambahan', isAdmin: true } : value, 'extra fields'),
      ),
    },
    {
      weight: 1,
      arbitrary: valid.map((value) => ({
        ...json(value, 'prototype keys'),
        body: `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}${isObject(value) && Object.keys(value).length > 0 ? `,${JSON.stringify(value).slice(1)}` : '}'}`,
      })),
    },
    {
      weight: 1,
      arbitrary: valid.map((value) =>
        json(isObject(value) ? Object.fromEntries(Object.keys(value).map((k) => [k, null])) : null, 'nulls'),
      ),
    },
    { weight: 1, arbitrary: valid.map((value) => json([value], 'an array for the object')) },
    { weight: 1, arbitrary: oddValue.map((value) => json(value, 'the wrong type')) },
    { weight: 2, arbitrary: brokenBody },
  );
}

/** Lone surrogates replaced: a URL cannot carry them (encodeURIComponent throws). */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathValueFor(name: string, schema: JsonSchema, pathValues: PathValues): fc.Arbitrary<string> {
  const known = [...(pathValues[name] ?? []), ...((schema.enum as string[] | undefined) ?? [])];
  const junk = fc.oneof(
    fc.constantFrom(...JUNK_PATH_SEGMENTS),
    fc.constantFrom(...HOSTILE_STRINGS).map((s) => encodeURIComponent(wellFormed(s))),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(wellFormed(s))),
  );
  if (known.length === 0) return junk;
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: junk });
}

/** The declared parameters (valid-ish or hostile), sometimes repeated, unknown or badly encoded. */
function queryFor(doc: OpenApiDocument, operation: Operation, ids: string[]): fc.Arbitrary<string> {
  const declared = fc
    .tuple(
      ...operation.queryParams.map((param) =>
        fc.option(
          fc.oneof(
            valueFor(doc, param.schema, ids).map(String),
            fc.constantFrom(...HOSTILE_STRINGS),
            fc.constantFrom('', '-1', '1e999', 'NaN', '0x10', '[object Object]'),
          ),
          { nil: undefined },
        ),
      ),
    )
    .map((values) => {
      const query = new URLSearchParams();
      operation.queryParams.forEach((param, i) => {
        const value = values[i];
        if (value !== undefined) query.append(param.name, wellFormed(value));
      });
      return query.toString();
    });
  const raw = fc.constantFrom(
    '',
    '%',
    'q=%E0%A4%A',
    'limit=1&limit=2',
    'q[]=a&q[b]=c',
    `q=${'a'.repeat(10_000)}`,
    'lang=xx-INVALID&v=%00',
    'token=..%2F..%2F',
    '__proto__[polluted]=1',
  );
  return fc
    .oneof({ weight: 4, arbitrary: declared }, { weight: 1, arbitrary: raw })
    .map((query) => (query ? `?${query}` : ''));
}

/** A request as one line (long bodies cut), to reproduce a failure by hand. */
export function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined ? '' : ` body(${request.bodyKind}, ${request.contentType}): ${cut(request.body)}`;
  return `${request.method} ${cut(request.url)} as ${request.sender}${body}`;
}

function cut(text: string, length = 300): string {
  return text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;
}
