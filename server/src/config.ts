import path from 'node:path';
import { z } from 'zod';
import { fitsControlSocket, MAX_DATA_DIR_BYTES } from './db/data-dir-lock.ts';
import { isAddressOrRange } from './http/client-address.ts';
import { isLoopbackHost } from './net/loopback.ts';

/**
 * The only reader of `process.env`. Every variable is validated at start; a bad value stops
 * the start with one line that names the variable (see `ConfigError`).
 */
const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const httpUrl = (protocols: string[]) =>
  z
    .url({ error: `must be a URL (${protocols.join(', ')})` })
    .refine(
      (value) => protocols.some((p) => value.startsWith(`${p}://`)),
      `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(emptyAsUndefined, port.default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default('./data')),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl(['http', 'https']).optional()),
  DATABASE_URL: z.preprocess(emptyAsUndefined, httpUrl(['postgres', 'postgresql']).optional()),
  LIVEKIT_URL: z.preprocess(emptyAsUndefined, httpUrl(['ws', 'wss', 'http', 'https']).optional()),
  LIVEKIT_API_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  LIVEKIT_API_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters (LiveKit rejects shorter secrets)').optional(),
  ),
  LIVEKIT_BIN: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
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

export type LiveKitConfig =
  | { mode: 'external'; url: string; apiKey: string; apiSecret: string }
  | { mode: 'local'; binary: string | undefined };

export interface RecordingConfig {
  /** `builtin`: Serambi's rtc-node recorder and ffmpeg; `egress`: LiveKit Egress (needs LIVEKIT_URL). */
  backend: 'builtin' | 'egress';
  /** Where the folder store keeps recordings. */
  dir: string;
  ffmpeg: string;
  ffprobe: string;
  /** A recording does not start with less free space than this in `dir`. */
  minFreeBytes: number;
}

export interface Config {
  /**
   * Production behaviour: secure cookies, no development outbox, /metrics only with
   * METRICS_TOKEN, SMTP_URL required. On when PUBLIC_URL is https or NODE_ENV=production, so
   * a deployment does not depend on someone remembering NODE_ENV. Everything that behaves
   * differently in production asks this, never NODE_ENV. Off, Serambi listens on loopback only
   * (`loadConfig` refuses another HOST).
   */
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  livekit: LiveKitConfig;
  smtpUrl: string | undefined;
  mailFrom: string;
  recording: RecordingConfig;
  jobs: {
    /** How often an idle job runner looks for due jobs. */
    pollIntervalMs: number;
  };
  certificates: {
    /**
     * How long after a session ends its certificates are issued: LiveKit's last "left"
     * webhooks arrive in the meantime, so nobody is counted as staying to the end who left early.
     */
    issueDelaySeconds: number;
  };
  /** Signs auth cookies; when unset, a secret stored in the database is used (same for every instance). */
  authSecret: string | undefined;
  /**
   * The bearer token GET /metrics asks for. Unset: metrics are open outside production and not
   * served in production (they tell who is live and how busy the server is).
   */
  metricsToken: string | undefined;
  /**
   * Per-client limits on sign-up, sign-in and registration (shared by every instance through
   * the database). Off by default only in NODE_ENV=test outside production, where every caller
   * is 127.0.0.1.
   */
  rateLimits: boolean;
  /**
   * Proxies (addresses or CIDR ranges) besides loopback whose X-Forwarded-For names the client:
   * the load balancer's. Without them every client behind it shares its address in the limits.
   */
  trustedProxies: string[];
  logLevel: string;
}

/** Values that may carry passwords are never echoed back in an error. */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'SMTP_URL', 'LIVEKIT_API_SECRET', 'AUTH_SECRET', 'METRICS_TOKEN']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const got = SECRET_VARIABLES.has(variable) ? undefined : env[variable];
    throw new ConfigError(
      `Configuration error: ${variable} ${issue?.message ?? 'is invalid'}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}.`,
    );
  }
  const e = parsed.data;
  const production = productionMode(e);
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.RECORDING_BACKEND === 'egress' && !e.LIVEKIT_URL) {
    throw new ConfigError(
      'Configuration error: RECORDING_BACKEND=egress needs LIVEKIT_URL (a LiveKit deployment that runs Egress); the local LiveKit server has none.',
    );
  }
  if (!e.DATABASE_URL && !fitsControlSocket(dataDir)) {
    throw new ConfigError(
      `Configuration error: DATA_DIR must be at most ${MAX_DATA_DIR_BYTES} characters long with the embedded database (PGlite): its Unix socket lives there (got ${JSON.stringify(dataDir)}).`,
    );
  }
  const underTest = e.NODE_ENV === 'test';
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    livekit: liveKitConfig(e),
    recording: {
      backend: e.RECORDING_BACKEND,
      dir: path.resolve(e.RECORDINGS_DIR ?? path.join(dataDir, 'recordings')),
      ffmpeg: e.FFMPEG_PATH,
      ffprobe: e.FFPROBE_PATH,
      minFreeBytes: e.RECORDING_MIN_FREE_MB * 1024 * 1024,
    },
    // Tests wait for jobs and read certificates at once (their webhooks are already in).
    jobs: { pollIntervalMs: underTest ? 200 : 1_000 },
    certificates: {
      issueDelaySeconds: e.CERTIFICATE_ISSUE_DELAY_SECONDS ?? (underTest ? 0 : 60),
    },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    authSecret: e.AUTH_SECRET,
    metricsToken: e.METRICS_TOKEN,
    // Never off by default in production, whatever NODE_ENV says.
    rateLimits: (e.RATE_LIMITS ?? (underTest && !production ? 'off' : 'on')) === 'on',
    trustedProxies: e.TRUSTED_PROXIES,
    logLevel: e.LOG_LEVEL,
  };
}

/**
 * Production mode, from an https PUBLIC_URL or NODE_ENV=production, and what it needs: a
 * missing setting stops the start with one line naming it. Outside production Serambi serves
 * development conveniences (the outbox of every mail, reset links included), so it must not
 * be reachable from other machines.
 */
function productionMode(e: z.infer<typeof envSchema>): boolean {
  const https = e.PUBLIC_URL?.startsWith('https://') ?? false;
  const production = https || e.NODE_ENV === 'production';
  if (!production) {
    if (!isLoopbackHost(e.HOST)) {
      throw new ConfigError(
        `Configuration error: HOST=${e.HOST} makes Serambi reachable from other machines; set PUBLIC_URL to its https address (production) or NODE_ENV=production, or keep HOST=127.0.0.1.`,
      );
    }
    return false;
  }
  if (!e.PUBLIC_URL) {
    throw new ConfigError(
      'Configuration error: PUBLIC_URL is required in production (NODE_ENV=production): the https address people reach Serambi at, for links in mails and secure cookies.',
    );
  }
  if (!https) {
    throw new ConfigError(
      `Configuration error: PUBLIC_URL must be an https address in production (NODE_ENV=production): sign-in cookies are Secure there (got ${JSON.stringify(e.PUBLIC_URL)}).`,
    );
  }
  if (!e.SMTP_URL) {
    throw new ConfigError(
      'Configuration error: SMTP_URL is required in production (NODE_ENV=production or an https PUBLIC_URL); without it mail would only reach the development outbox.',
    );
  }
  return true;
}

function liveKitConfig(e: z.infer<typeof envSchema>): LiveKitConfig {
  if (!e.LIVEKIT_URL) {
    if (e.LIVEKIT_API_KEY || e.LIVEKIT_API_SECRET) {
      throw new ConfigError(
        'Configuration error: LIVEKIT_URL is required when LIVEKIT_API_KEY or LIVEKIT_API_SECRET is set.',
      );
    }
    return { mode: 'local', binary: e.LIVEKIT_BIN };
  }
  if (!e.LIVEKIT_API_KEY) {
    throw new ConfigError('Configuration error: LIVEKIT_API_KEY is required when LIVEKIT_URL is set.');
  }
  if (!e.LIVEKIT_API_SECRET) {
    throw new ConfigError('Configuration error: LIVEKIT_API_SECRET is required when LIVEKIT_URL is set.');
  }
  return { mode: 'external', url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET };
}
