import type { OpenApiDocument } from './openapi.ts';

/**
 * Every status each operation answered during a fuzz, with the first request that got it: what
 * the API document must declare, so a client generated from it (or a contract checker run
 * against it) meets no answer it was not told about.
 */
export class AnsweredStatuses {
  readonly #first = new Map<string, Map<number, string>>();

  note(operation: string, status: number, request: string): void {
    const statuses = this.#first.get(operation) ?? new Map<number, string>();
    if (!statuses.has(status)) statuses.set(status, request);
    this.#first.set(operation, statuses);
  }

  /** How many (operation, status) pairs were seen. */
  get size(): number {
    let pairs = 0;
    for (const statuses of this.#first.values()) pairs += statuses.size;
    return pairs;
  }

  /**
   * Each answer whose status the document does not list under its operation's `responses`
   * (nor as `default` or a range like `4XX`), one line each with the request that got it.
   */
  undeclaredIn(doc: OpenApiDocument): string[] {
    const lines: string[] = [];
    for (const [operation, statuses] of this.#first) {
      const declared = declaredStatuses(doc, operation);
      for (const [status, request] of [...statuses].sort(([a], [b]) => a - b)) {
        if (!declared.has(String(status)) && !declared.has(`${String(status)[0]}XX`) && !declared.has('default')) {
          lines.push(`${operation} answered ${status}, undeclared (first by ${request})`);
        }
      }
    }
    return lines.sort();
  }
}

function declaredStatuses(doc: OpenApiDocument, operation: string): Set<string> {
  const [method = '', path = ''] = operation.split(' ');
  const responses = doc.paths[path]?.[method.toLowerCase()]?.responses;
  if (!responses) throw new Error(`${operation} is not in the API document`);
  return new Set(Object.keys(responses).map((status) => status.toUpperCase()));
}
