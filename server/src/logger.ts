import pino, { type DestinationStream, type Logger } from 'pino';
import { queryValuesOf, withoutQueryValues } from './db/errors.ts';

/**
 * Structured JSON logs; readable colour lines when a person watches a terminal in development.
 * `destination` (tests) receives the JSON lines instead of standard output.
 */
export function createLogger(options: { level: string; pretty: boolean; destination?: DestinationStream }): Logger {
  const settings = {
    level: options.level,
    base: { service: 'serambi' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: { err: errorWithoutQueryValues },
  };
  if (options.destination) return pino(settings, options.destination);
  return pino({
    ...settings,
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,service' } } }
      : {}),
  });
}

/**
 * pino's error serializer (message and stack with their causes), minus the values of failed
 * queries: a DrizzleQueryError lists its parameters, which may be a session or reset token.
 * The statement stays, which is what finding the fault needs.
 */
function errorWithoutQueryValues(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  if (queryValuesOf(error).length === 0 || typeof serialized !== 'object' || serialized === null) return serialized;
  const hide = (value: unknown): unknown => {
    if (typeof value === 'string') return withoutQueryValues(value, error);
    if (Array.isArray(value)) return value.map(hide);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'params')
        .map(([key, inner]) => [key, hide(inner)]),
    );
  };
  return hide({ ...serialized });
}

type LibraryLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * A library's log calls (better-auth's `logger.log`) as lines of ours: JSON like the rest, and
 * an error among the arguments goes through the serializer above rather than to the console.
 */
export function libraryLogger(log: Logger, level: LibraryLevel = 'warn') {
  return {
    level,
    log(at: LibraryLevel, message: string, ...args: unknown[]) {
      const err = args.find((arg) => arg instanceof Error);
      const details = args.filter((arg) => !(arg instanceof Error));
      log[at]({ ...(err ? { err } : {}), ...(details.length > 0 ? { details } : {}) }, message);
    },
  };
}
