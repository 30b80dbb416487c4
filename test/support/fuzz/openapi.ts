/** The operations of the served OpenAPI document, in the shape the fuzz needs. */

/** A JSON Schema as @hono/zod-openapi writes it (the keywords this API uses). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  default?: unknown;
  example?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface RawOperation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: Array<Record<string, string[]>>;
}

export interface Parameter {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

export interface Operation {
  /** "POST /sessions/{ref}/room/questions": how failures and FUZZ_ONLY name it. */
  key: string;
  method: string;
  /** The templated path under /api. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body's schema, or null when the operation takes no body. */
  body: JsonSchema | null;
  /** Whether it is called with a room ticket (bearer) rather than the session cookie. */
  usesRoomTicket: boolean;
  /** Content types its 2xx answers declare. */
  successTypes: string[];
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const parameters = raw.parameters ?? [];
      const params = (where: 'path' | 'query') =>
        parameters
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? where === 'path' }));
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params('path'),
        queryParams: params('query'),
        body: raw.requestBody?.content['application/json']?.schema ?? null,
        usesRoomTicket: (raw.security ?? []).some((s) => 'roomTicket' in s),
        successTypes: Object.entries(raw.responses)
          .filter(([status]) => status.startsWith('2'))
          .flatMap(([, r]) => Object.keys(r.content ?? {})),
      });
    }
  }
  return operations;
}

/** The schema a `$ref` points at (components only, which is all this document uses). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`unknown schema ${current.$ref}`);
    current = target;
  }
  return current;
}
