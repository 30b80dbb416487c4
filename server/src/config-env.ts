/**
 * What each environment variable may be: its type, range and default, with the message a bad
 * value gets. `config.ts` reads the environment with this schema and makes the configuration of it.
 */
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { isAddressOrRange } from './net/address-range.ts';

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** A port, or 0 for "off". */
const portOrOff = z.coerce
  .number({ error: 'must be a port number, or 0 to turn it off' })
  .int('must be a whole number')
  .min(0, 'must be between 0 (off) and 65535')
  .max(65535, 'must be between 0 (off) and 65535');

/** A DNS name such as turn.example.org: letters, digits and hyphens in dot-separated labels. */
const hostName = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i,
    'must be a host name such as turn.example.org',
  );

const httpUrl = (protocols: string[]) =>
  z
    .url({ error: `must be a URL (${protocols.join(', ')})` })
    .refine(
      (value) => protocols.some((p) => value.startsWith(`${p}://`)),
      `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(emptyAsUndefined, port.default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default('./data')),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl(['http', 'https']).optional()),
  DATABASE_URL: z.preprocess(emptyAsUndefined, httpUrl(['postgres', 'postgresql']).optional()),
  LIVEKIT_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            httpUrl(['ws', 'wss', 'http', 'https']).refine(
              (value) => !URL.canParse(value) || (new URL(value).pathname === '/' && !new URL(value).search),
              'must name LiveKit nodes by address only, e.g. ws://10.0.0.11:7880 (no path)',
            ),
          )
          .min(1, 'must be a URL (ws, wss, http, https), or several separated by commas'),
      )
      .refine((urls) => new Set(urls).size === urls.length, 'names one LiveKit node twice')
      .optional(),
  ),
  LIVEKIT_SIGNALLING: z.preprocess(
    emptyAsUndefined,
    z.enum(['direct', 'proxy'], { error: 'must be direct or proxy' }).optional(),
  ),
  LIVEKIT_API_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  LIVEKIT_API_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters (LiveKit rejects shorter secrets)').optional(),
  ),
  LIVEKIT_BIN: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  LIVEKIT_NODE_IP: z.preprocess(
    emptyAsUndefined,
    z.string().refine(isIPv4, 'must be an IPv4 address (the one people reach this server at)').optional(),
  ),
  LIVEKIT_UDP_PORT: z.preprocess(emptyAsUndefined, port.optional()),
  LIVEKIT_TCP_PORT: z.preprocess(emptyAsUndefined, portOrOff.optional()),
  TURN_DOMAIN: z.preprocess(emptyAsUndefined, hostName.optional()),
  TURN_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters (the static-auth-secret coturn is given)').optional(),
  ),
  TURN_UDP_PORT: z.preprocess(emptyAsUndefined, port.optional()),
  TURN_TLS_PORT: z.preprocess(emptyAsUndefined, port.optional()),
  SMTP_URL: z.preprocess(emptyAsUndefined, httpUrl(['smtp', 'smtps']).optional()),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().min(3).default('Serambi <no-reply@serambi.local>')),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  RECORDING_BACKEND: z.preprocess(emptyAsUndefined, z.enum(['builtin', 'egress']).default('builtin')),
  RECORDINGS_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  FFMPEG_PATH: z.preprocess(emptyAsUndefined, z.string().min(1).default('ffmpeg')),
  FFPROBE_PATH: z.preprocess(emptyAsUndefined, z.string().min(1).default('ffprobe')),
  RECORDING_MIN_FREE_MB: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number of megabytes' }).int('must be a whole number').min(0).default(1024),
  ),
  MATERIALS_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  MATERIALS_QUOTA_MB: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number of megabytes' }).int('must be a whole number').min(1).default(2048),
  ),
  CERTIFICATE_ISSUE_DELAY_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number')
      .min(0)
      .max(86_400)
      .optional(),
  ),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  RATE_LIMITS: z.preprocess(emptyAsUndefined, z.enum(['on', 'off'], { error: 'must be on or off' }).optional()),
  TRUSTED_PROXIES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine((entries) => entries.every(isAddressOrRange), 'must be IP addresses or CIDR ranges, separated by commas')
      .default([]),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

/** The environment as the schema parsed it. */
export type Env = z.infer<typeof envSchema>;
