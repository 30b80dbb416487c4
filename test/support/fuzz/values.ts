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
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case 'time':
      return fc.constantFrom('00:00', '19:30', '23:59', '24:00', '7:5');
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
