import { utcOffsetMinutes } from '@serambi/shared';
import fc from 'fast-check';
import { type JsonSchema, type OpenApiDocument, resolve } from './openapi.ts';
import { HOSTILE_STRINGS, URL_PAYLOADS } from './payloads.ts';

/**
 * Values for a JSON Schema that are mostly what the API expects, with hostile strings in every
 * text field and numbers at and just past their bounds: valid enough to get past the first
 * check and reach the service, the database and whatever renders the text later.
 */
export function valueFor(doc: OpenApiDocument, raw: JsonSchema, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) return fc.oneof(...choices.map((choice) => valueFor(doc, choice, ids, depth + 1)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => valueFor(doc, { ...schema, type }, ids, depth)));
  switch (types[0]) {
    case 'object':
      return objectFor(doc, schema, ids, depth);
    case 'array': {
      if (depth > 6 || !schema.items) return fc.constant([]);
      const maxLength = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3));
      return fc.array(valueFor(doc, schema.items, ids, depth + 1), { minLength: schema.minItems ?? 0, maxLength });
    }
    case 'string':
      return stringFor(schema, ids);
    case 'integer':
    case 'number':
      return numberFor(schema, types[0]);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectFor(doc: OpenApiDocument, schema: JsonSchema, ids: string[], depth: number) {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    if (typeof schema.additionalProperties === 'object' && depth < 6) {
      return fc.dictionary(fc.string({ maxLength: 12 }), valueFor(doc, schema.additionalProperties, ids, depth + 1), {
        maxKeys: 3,
      });
    }
    return fc.constant({});
  }
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, valueFor(doc, property, ids, depth + 1)]),
  );
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
}

/** Plain valid strings, hostile ones, strings at and past the length limits, and random Unicode. */
function stringFor(schema: JsonSchema, ids: string[]): fc.Arbitrary<string> {
  const max = schema.maxLength ?? 200;
  const min = schema.minLength ?? 0;
  const boundaries = [
    'x'.repeat(max),
    'x'.repeat(max + 1),
    // Multi-unit characters: a limit counted in UTF-16 units, code points or bytes disagrees here.
    '👩‍👩‍👧‍👦'.repeat(Math.ceil(max / 11) + 1),
    ...(min > 0 ? ['x'.repeat(min - 1)] : []),
  ];
  const hostile = schema.format === 'uri' ? [...URL_PAYLOADS, ...HOSTILE_STRINGS] : HOSTILE_STRINGS;
  return fc.oneof(
    { weight: 4, arbitrary: plainStringFor(schema, ids) },
    { weight: 4, arbitrary: fc.constantFrom(...hostile) },
    { weight: 1, arbitrary: fc.constantFrom(...boundaries) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

function plainStringFor(schema: JsonSchema, ids: string[]): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'date-time':
      return fc.oneof(
        { weight: 2, arbitrary: fc.date({ min: PLAIN_FROM, max: PLAIN_UNTIL, noInvalidDate: true }).map(iso) },
        { weight: 1, arbitrary: fc.constantFrom(...boundaryInstants()) },
      );
    case 'date':
      return fc.oneof(
        { weight: 2, arbitrary: fc.date({ min: PLAIN_FROM, max: PLAIN_UNTIL, noInvalidDate: true }).map(isoDate) },
        { weight: 1, arbitrary: fc.constantFrom(...boundaryDates()) },
      );
    case 'time':
      return fc.constantFrom(...BOUNDARY_TIMES);
    case 'email':
      return fc.nat({ max: 9999 }).map((n) => `fuzz.${n}@example.id`);
    case 'uri':
      return fc.constantFrom('https://example.id/logo.png', 'http://example.id/a?b=c#d', 'https://例え.jp/写真.png');
    case 'uuid':
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
  }
  if (schema.pattern) {
    const matching = stringMatching(schema.pattern, schema.maxLength);
    if (matching) return matching;
  }
  if (typeof schema.example === 'string') return fc.constant(schema.example);
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 60, 60));
  return fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max });
}

function stringMatching(pattern: string, maxLength: number | undefined): fc.Arbitrary<string> | null {
  try {
    const arbitrary = fc.stringMatching(new RegExp(pattern));
    return maxLength === undefined ? arbitrary : arbitrary.map((s) => s.slice(0, maxLength));
  } catch {
    return null;
  }
}

function numberFor(schema: JsonSchema, type: 'integer' | 'number'): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000_000;
  const max = schema.maximum ?? 1_000_000;
  const edges = [min - 1, max + 1, 0, -1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 0.5, -0];
  const inRange =
    type === 'integer'
      ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
      : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

const PLAIN_FROM = new Date('2020-01-01T00:00:00Z');
const PLAIN_UNTIL = new Date('2035-01-01T00:00:00Z');
const DAY_MS = 86_400_000;
const iso = (date: Date) => date.toISOString();
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Instants at and past every edge a date meets on its way through the API, the database and
 * the calendars: years a parser reads as another century (1, 26), the last ones of 9999 (a
 * session then ends in 10000), JavaScript's own ends (±275760), far back and far ahead of now,
 * an instant with an offset its zone never had (02:30 +01:00 on Berlin's spring-forward night),
 * odd fractions and offsets, and calendar dates that do not exist.
 */
export function boundaryInstants(now = new Date()): string[] {
  const tomorrow = isoDate(new Date(now.getTime() + DAY_MS));
  return [
    '0001-01-01T00:00:00Z',
    '0026-01-01T00:01:00.0Z',
    '0000-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '1999-12-31T23:59:59+07:00',
    '2101-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+002026-06-01T12:00:00Z',
    iso(new Date(now.getTime() - 2 * 366 * DAY_MS)),
    iso(new Date(now.getTime() + 6 * 366 * DAY_MS)),
    iso(new Date(now.getTime() + DAY_MS)),
    `${springForwardDay('Europe/Berlin', now)}T02:30:00+01:00`,
    `${tomorrow}T12:00:00.123456789Z`,
    `${tomorrow}T12:00:00.5Z`,
    `${tomorrow}T12:00:00,5Z`,
    `${tomorrow}T12:00:00+14:00`,
    `${tomorrow}T12:00:00-12:00`,
    `${tomorrow}T12:00:00+05:45`,
    `${tomorrow}T12:00:00+0530`,
    `${tomorrow}T12:00:00+05`,
    `${tomorrow}T12:00:00-00:00`,
    `${tomorrow}T12:00:00z`,
    `${tomorrow} 12:00:00Z`,
    `${tomorrow}T24:00:00Z`,
    `${tomorrow}T23:59:60Z`,
    `${now.getUTCFullYear() + 1}-02-30T12:00:00Z`,
  ];
}

/** Calendar dates at the same edges: the years, far back and ahead, a leap day that is not one. */
export function boundaryDates(now = new Date()): string[] {
  return [
    '0001-01-01',
    '0026-01-01',
    '0000-01-01',
    '1999-12-31',
    '2101-01-01',
    '9999-12-31',
    '+275760-09-13',
    isoDate(new Date(now.getTime() - 2 * 366 * DAY_MS)),
    isoDate(new Date(now.getTime() + 6 * 366 * DAY_MS)),
    isoDate(new Date(now.getTime() + 7 * DAY_MS)),
    nextFebruary29(now, false),
    nextFebruary29(now, true),
    springForwardDay('Europe/Berlin', now),
  ];
}

/** Wall-clock times: the day's ends, 24:00, seconds, a leap second, a lone digit. */
export const BOUNDARY_TIMES = ['00:00', '19:30', '23:59', '24:00', '02:30', '12:00:00', '23:59:60', '7:5'];

/**
 * Local times that do not exist: the hour a zone's clocks skip when they spring forward (Berlin
 * at 02:00, Havana at midnight, Lord Howe by half an hour), on that day in the coming year.
 */
export function daylightSavingGaps(now = new Date()): Array<{ timeZone: string; date: string; time: string }> {
  return [
    { timeZone: 'Europe/Berlin', date: springForwardDay('Europe/Berlin', now), time: '02:30' },
    { timeZone: 'America/Havana', date: springForwardDay('America/Havana', now), time: '00:30' },
    { timeZone: 'Australia/Lord_Howe', date: springForwardDay('Australia/Lord_Howe', now), time: '02:15' },
  ];
}

/** The first day after `now` whose clocks in `timeZone` end it further ahead of UTC than they began it. */
function springForwardDay(timeZone: string, now: Date): string {
  for (let day = 1; day <= 400; day++) {
    const noon = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + day, 12));
    if (utcOffsetMinutes(timeZone, noon) > utcOffsetMinutes(timeZone, new Date(noon.getTime() - DAY_MS))) {
      return isoDate(new Date(noon.getTime() - DAY_MS / 2));
    }
  }
  throw new Error(`${timeZone} does not spring forward within a year`);
}

/** The next 29 February of a leap year, or the same day of a year that has none. */
function nextFebruary29(now: Date, leap: boolean): string {
  for (let year = now.getUTCFullYear() + 1; ; year++) {
    const isLeap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
    if (isLeap === leap) return `${year}-02-29`;
  }
}
