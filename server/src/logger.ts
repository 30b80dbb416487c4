import pino, { type Logger } from 'pino';

/** Structured JSON logs; readable colour lines when a person watches a terminal in development. */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    base: { service: 'serambi' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,service' } } }
      : {}),
  });
}
