/**
 * The only reader of `process.env`. Every variable is validated at start (`config-env.ts`); a bad
 * value stops the start with one line that names the variable (see `ConfigError`).
 */
import os from 'node:os';
import path from 'node:path';
import { type Env, envSchema } from './config-env.ts';
import { fitsControlSocket, MAX_DATA_DIR_BYTES } from './db/data-dir-lock.ts';
import { isLoopbackHost } from './net/loopback.ts';
import { firstPublicIPv4 } from './net/public-address.ts';

export type LiveKitConfig =
  | {
      mode: 'external';
      /** The first of `urls`: where a single-URL deployment is, and what a browser is given with `direct` signalling. */
      url: string;
      /** One URL (LiveKit Cloud, one node, or a cluster behind its own balancer) or every node of a cluster. */
      urls: string[];
      apiKey: string;
      apiSecret: string;
      /**
       * `direct`: browsers are given `url` and reach LiveKit themselves. `proxy`: browsers are given
       * Serambi's own origin, which tunnels signalling to the nodes (README: "Production: several
       * instances"); the default with several nodes, which a browser could not be given.
       */
      signalling: 'direct' | 'proxy';
    }
  | { mode: 'local'; binary: string | undefined; media: LocalMediaConfig };

/**
 * Where the embedded LiveKit carries media. `loopback` (development): this machine only, on a
 * free UDP port, no ICE/TCP. `public` (production): the addresses and ports the world reaches,
 * with coturn as TURN when TURN_DOMAIN is set (README: "Ports").
 */
export type LocalMediaConfig =
  | { reach: 'loopback' }
  | {
      reach: 'public';
      /** The address LiveKit advertises to clients (LIVEKIT_NODE_IP, or this machine's first public IPv4). */
      nodeIp: string;
      /** The one UDP port all media is muxed on. */
      udpPort: number;
      /** ICE/TCP for networks that block UDP; 0 turns it off. */
      tcpPort: number;
      turn: TurnConfig | undefined;
    };

/** An external TURN server (coturn) handed to every client, with time-limited credentials from a shared secret. */
export interface TurnConfig {
  domain: string;
  /** coturn's static-auth-secret: LiveKit derives each participant's TURN password from it. */
  secret: string;
  udpPort: number;
  /** The port clients are told for TURN over TLS: 443 gets through networks that allow nothing else. */
  tlsPort: number;
}

/** The ports of the production defaults (README: "Ports"). */
export const MEDIA_PORT_DEFAULTS = { liveKitUdp: 7882, liveKitTcp: 7881, turnUdp: 3478, turnTls: 443 } as const;

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

export interface MaterialsConfig {
  /** Where the folder store keeps session materials (slides, files). */
  dir: string;
  /** The largest file a speaker or organizer may attach. */
  maxFileBytes: number;
  /** What all of a community's materials may take together. */
  communityQuotaBytes: number;
}

/** 50 MiB: a long slide deck with pictures; a video belongs in the recording, not here. */
export const MAX_MATERIAL_FILE_BYTES = 50 * 1024 * 1024;

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
  materials: MaterialsConfig;
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
const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'SMTP_URL',
  'LIVEKIT_API_SECRET',
  'AUTH_SECRET',
  'METRICS_TOKEN',
  'TURN_SECRET',
]);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** What `loadConfig` asks of the machine besides the environment (tests pass their own). */
export interface MachineFacts {
  networkInterfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
}

/**
 * `LIVEKIT_BIN` alone, for `pnpm livekit:install`, which needs no other setting (and should not
 * fail on one it does not use).
 */
export function liveKitBinaryOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return envSchema.shape.LIVEKIT_BIN.parse(env.LIVEKIT_BIN);
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  machine: MachineFacts = { networkInterfaces: os.networkInterfaces },
): Config {
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
    livekit: liveKitConfig(e, production, machine),
    recording: {
      backend: e.RECORDING_BACKEND,
      dir: path.resolve(e.RECORDINGS_DIR ?? path.join(dataDir, 'recordings')),
      ffmpeg: e.FFMPEG_PATH,
      ffprobe: e.FFPROBE_PATH,
      minFreeBytes: e.RECORDING_MIN_FREE_MB * 1024 * 1024,
    },
    materials: {
      dir: path.resolve(e.MATERIALS_DIR ?? path.join(dataDir, 'materials')),
      maxFileBytes: MAX_MATERIAL_FILE_BYTES,
      communityQuotaBytes: e.MATERIALS_QUOTA_MB * 1024 * 1024,
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
function productionMode(e: Env): boolean {
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

/** Variables that configure the embedded LiveKit's media and TURN, in the order they are checked. */
const MEDIA_VARIABLES = [
  'LIVEKIT_NODE_IP',
  'LIVEKIT_UDP_PORT',
  'LIVEKIT_TCP_PORT',
  'TURN_DOMAIN',
  'TURN_SECRET',
  'TURN_UDP_PORT',
  'TURN_TLS_PORT',
] as const;

function liveKitConfig(e: Env, production: boolean, machine: MachineFacts): LiveKitConfig {
  const mediaSetting = MEDIA_VARIABLES.find((name) => e[name] !== undefined);
  if (!e.LIVEKIT_URL) {
    if (e.LIVEKIT_SIGNALLING) {
      throw new ConfigError(
        'Configuration error: LIVEKIT_SIGNALLING applies to a LiveKit deployment of your own (LIVEKIT_URL); the LiveKit Serambi runs itself is proxied in production and reached directly in development.',
      );
    }
    if (e.LIVEKIT_API_KEY || e.LIVEKIT_API_SECRET) {
      throw new ConfigError(
        'Configuration error: LIVEKIT_URL is required when LIVEKIT_API_KEY or LIVEKIT_API_SECRET is set.',
      );
    }
    if (!production) {
      if (mediaSetting) {
        throw new ConfigError(
          `Configuration error: ${mediaSetting} applies only in production (an https PUBLIC_URL or NODE_ENV=production); in development the local LiveKit serves this machine only.`,
        );
      }
      return { mode: 'local', binary: e.LIVEKIT_BIN, media: { reach: 'loopback' } };
    }
    return { mode: 'local', binary: e.LIVEKIT_BIN, media: publicMedia(e, machine) };
  }
  if (mediaSetting) {
    throw new ConfigError(
      `Configuration error: ${mediaSetting} configures the LiveKit Serambi runs itself; with LIVEKIT_URL set, configure that LiveKit's own ports and TURN instead.`,
    );
  }
  if (!e.LIVEKIT_API_KEY) {
    throw new ConfigError('Configuration error: LIVEKIT_API_KEY is required when LIVEKIT_URL is set.');
  }
  if (!e.LIVEKIT_API_SECRET) {
    throw new ConfigError('Configuration error: LIVEKIT_API_SECRET is required when LIVEKIT_URL is set.');
  }
  const urls = e.LIVEKIT_URL;
  const signalling = e.LIVEKIT_SIGNALLING ?? (urls.length > 1 ? 'proxy' : 'direct');
  if (signalling === 'direct' && urls.length > 1) {
    throw new ConfigError(
      `Configuration error: LIVEKIT_SIGNALLING=direct gives browsers one LiveKit address, but LIVEKIT_URL names ${urls.length} nodes; set LIVEKIT_SIGNALLING=proxy (Serambi spreads signalling over the nodes), or put a load balancer in front of the nodes and set LIVEKIT_URL to its address.`,
    );
  }
  if (signalling === 'proxy') {
    const encrypted = urls.find((url) => /^(wss|https):/.test(url));
    if (encrypted) {
      throw new ConfigError(
        `Configuration error: LIVEKIT_SIGNALLING=proxy tunnels signalling to the nodes unencrypted on your private network, so LIVEKIT_URL must name them with ws:// or http:// (got ${JSON.stringify(encrypted)}).`,
      );
    }
  }
  const [url] = urls as [string, ...string[]];
  return { mode: 'external', url, urls, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET, signalling };
}

/**
 * The embedded LiveKit's public media settings. Without LIVEKIT_NODE_IP the advertised address is
 * this machine's first public IPv4; a machine with none (behind NAT, as at many cloud providers)
 * must be told, since clients would be handed an address they cannot reach.
 */
function publicMedia(e: Env, machine: MachineFacts): LocalMediaConfig {
  const nodeIp = e.LIVEKIT_NODE_IP ?? firstPublicIPv4(machine.networkInterfaces());
  if (!nodeIp) {
    throw new ConfigError(
      'Configuration error: LIVEKIT_NODE_IP is required: this machine has no public IPv4 address on its interfaces (behind NAT?); set it to the address people reach this server at, and forward the media ports to it.',
    );
  }
  const udpPort = e.LIVEKIT_UDP_PORT ?? MEDIA_PORT_DEFAULTS.liveKitUdp;
  const tcpPort = e.LIVEKIT_TCP_PORT ?? MEDIA_PORT_DEFAULTS.liveKitTcp;
  if (tcpPort !== 0 && tcpPort === e.PORT) {
    throw new ConfigError(
      `Configuration error: LIVEKIT_TCP_PORT must differ from PORT (both are TCP ports on this machine; got ${tcpPort}).`,
    );
  }
  return { reach: 'public', nodeIp, udpPort, tcpPort, turn: turnConfig(e, udpPort) };
}

/** coturn's settings: TURN_DOMAIN and TURN_SECRET together, or neither (no TURN). */
function turnConfig(e: Env, liveKitUdpPort: number): TurnConfig | undefined {
  if (!e.TURN_DOMAIN) {
    const orphan = (['TURN_SECRET', 'TURN_UDP_PORT', 'TURN_TLS_PORT'] as const).find((name) => e[name] !== undefined);
    if (orphan) {
      throw new ConfigError(
        `Configuration error: TURN_DOMAIN is required when ${orphan} is set (the name of the TURN server, e.g. turn.example.org).`,
      );
    }
    return undefined;
  }
  if (!e.TURN_SECRET) {
    throw new ConfigError(
      'Configuration error: TURN_SECRET is required when TURN_DOMAIN is set (the static-auth-secret of coturn, 32 characters or more).',
    );
  }
  const udpPort = e.TURN_UDP_PORT ?? MEDIA_PORT_DEFAULTS.turnUdp;
  if (udpPort === liveKitUdpPort) {
    throw new ConfigError(
      `Configuration error: TURN_UDP_PORT must differ from LIVEKIT_UDP_PORT (coturn and LiveKit both listen for UDP on this machine; got ${udpPort}).`,
    );
  }
  return {
    domain: e.TURN_DOMAIN.toLowerCase(),
    secret: e.TURN_SECRET,
    udpPort,
    tlsPort: e.TURN_TLS_PORT ?? MEDIA_PORT_DEFAULTS.turnTls,
  };
}
