import { createConfig, lintFromString } from '@redocly/openapi-core';

/**
 * What Redocly's OpenAPI linter (an independent reader of the document: its own OpenAPI 3.1
 * types, not our generator's) finds wrong, as one line each; empty when nothing is. Its
 * `recommended` rules, with every 4xx required to be RFC 9457 (7807) problem details. Only
 * errors count: the warnings of `recommended` (no operationId, no license, a localhost server,
 * paths like /certificates/verify/{number} beside /certificates/{id}/pdf) are choices, not faults.
 */
export async function lintErrors(document: unknown): Promise<string[]> {
  const config = await createConfig({
    extends: ['recommended'],
    rules: {
      'operation-4xx-problem-details-rfc7807': 'error',
      // The session cookie that organizer routes need is not a declared security scheme (the
      // room ticket is): each such route says so with its 401 instead.
      'security-defined': 'off',
    },
  });
  const problems = await lintFromString({
    source: JSON.stringify(document),
    absoluteRef: 'file:///serambi/openapi.json',
    config,
  });
  return problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? '?'})`);
}

interface Responses {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
}

/** Every refusal (4xx, 5xx) of every operation that is not declared as the shared Problem schema. */
export function refusalsNotAsProblems(document: Responses): string[] {
  const wrong: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const schema = response.content?.['application/problem+json']?.schema;
        if (JSON.stringify(schema) !== JSON.stringify({ $ref: '#/components/schemas/Problem' })) {
          wrong.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
  }
  return wrong;
}
