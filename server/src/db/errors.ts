/** PostgreSQL SQLSTATE codes we turn into answers a person can act on. */
const UNIQUE_VIOLATION = '23505';
/**
 * What PostgreSQL (and PGlite alike) says of text holding U+0000, which it cannot store:
 * 22021 for a text value ("invalid byte sequence for encoding UTF8: 0x00"), 22P05 for a jsonb
 * value ("unsupported Unicode escape sequence").
 */
const UNSTORABLE_CHARACTER = ['22021', '22P05'];

/** True when a write failed because it would duplicate a unique value (both engines report it alike). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = findPgError(error);
  if (!cause || cause.code !== UNIQUE_VIOLATION) return false;
  return constraint === undefined || cause.constraint === constraint;
}

/**
 * True when a query failed because text the caller sent holds a character PostgreSQL cannot
 * store (NUL): every text field, query parameter and path segment may carry one, so the one
 * error handler answers it rather than each schema.
 */
export function isUnstorableText(error: unknown): boolean {
  const code = findPgError(error)?.code;
  return code !== undefined && UNSTORABLE_CHARACTER.includes(code);
}

function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') {
      return current as { code: string; constraint?: string };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * SQLSTATE classes and socket codes that mean PostgreSQL cannot be reached, is going down or
 * cannot keep up (08: connection exception, 57P01–57P03: shutdown or still starting, 57014: the
 * statement timeout cancelled the query), not that the query was wrong.
 */
const UNREACHABLE_CODES = new Set([
  '57014',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);
/**
 * node-postgres reports a lost or never-made connection, and a query the server never answered
 * (`query_timeout`), without a code, only in words.
 */
const UNREACHABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /and is not queryable/,
  /^Query read timeout$/,
];

/**
 * True when a query failed because the database is down or unreachable: the request may
 * succeed once it is back, so the one error handler answers 503 rather than 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Values shorter than this are left in: numbers, flags and states say nothing secret, and hiding "1" would garble the text. */
const SHORTEST_HIDDEN_VALUE = 8;

/**
 * The values failed queries in `error`'s cause chain were given. drizzle's DrizzleQueryError
 * keeps them in `params` and writes them into its message ("Failed query: … params: …"); they
 * may be secrets (a session token, a reset token), so logs and stored errors leave them out.
 */
export function queryValuesOf(error: unknown): unknown[][] {
  const found: unknown[][] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { query, params } = current as { query?: unknown; params?: unknown };
    if (typeof query === 'string' && Array.isArray(params)) found.push(params);
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

/**
 * `text` (an error's message or stack, or anything made of them) without the values of the
 * failed queries in `error`: the "params:" line says how many there were, and each value long
 * enough to be a secret is replaced wherever it appears, also where the database quotes it in
 * its own message ("invalid input syntax for type uuid: …").
 */
export function withoutQueryValues(text: string, error: unknown): string {
  let hidden = text;
  for (const params of queryValuesOf(error)) {
    hidden = hidden.split(`params: ${String(params)}`).join(`params: (${params.length} not logged)`);
    for (const value of params) {
      const shown = value instanceof Date || value === null || value === undefined ? '' : String(value);
      if (shown.length >= SHORTEST_HIDDEN_VALUE) hidden = hidden.split(shown).join('(value not logged)');
    }
  }
  return hidden;
}
