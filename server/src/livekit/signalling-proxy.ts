import type { IncomingMessage } from 'node:http';
import { type BlockList, connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { clientAddressOf } from '../http/client-address.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';

/**
 * LiveKit's signalling paths (livekit-server v1.13.5 pkg/service/rtcservice.go): the WebSocket
 * of the current protocol and of the old one, and the HTTP check livekit-client makes when the
 * WebSocket fails. Nothing else of LiveKit (its Twirp API, WHIP) is reachable through Serambi.
 */
export const SIGNALLING_PATHS: ReadonlySet<string> = new Set(['/rtc', '/rtc/v1', '/rtc/validate', '/rtc/v1/validate']);

/** Where LiveKit's HTTP port is: asked per connection, so a restarted or moved LiveKit is followed. */
export interface SignallingTarget {
  host: string;
  port: number;
}

/** How long connecting to LiveKit may take before the browser is told it is unavailable. */
const CONNECT_TIMEOUT_MS = 5_000;

export interface SignallingProxy {
  /** LiveKit's HTTP validate calls (and plain GETs of the WebSocket paths). Mount before the web app. */
  routes: Hono<AppEnv>;
  /** The HTTP server's 'upgrade' listener: tunnels signalling WebSockets to LiveKit, refuses every other upgrade. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Signalling WebSockets open now. */
  openTunnels(): number;
  /** Cuts every open tunnel (at stop: the browsers reconnect to whichever instance answers). */
  close(): void;
}

/**
 * Serambi's own origin serves LiveKit's signalling, so a browser needs one name, one certificate
 * and one open port (443) for the app, its API and LiveKit. A WebSocket is tunnelled as bytes
 * (its request head rewritten, then both sockets piped), so a join storm costs one extra
 * loopback connection per participant and no parsing of frames. The access token travels in
 * the query string: nothing here logs a URL.
 */
export function createSignallingProxy(options: {
  target: () => SignallingTarget;
  /** Proxies whose X-Forwarded-For is believed (the app's TRUSTED_PROXIES and loopback). */
  proxies: BlockList;
  log: Logger;
}): SignallingProxy {
  const tunnels = new Set<{ client: Duplex; upstream: Socket }>();

  const routes = new Hono<AppEnv>();
  for (const path of SIGNALLING_PATHS) {
    routes.get(path, async (c) => {
      const { host, port } = options.target();
      const authorization = c.req.header('Authorization');
      let answer: Response;
      try {
        answer = await fetch(`http://${hostForUrl(host)}:${port}${path}${new URL(c.req.url).search}`, {
          headers: authorization ? { Authorization: authorization } : {},
          signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS),
        });
      } catch {
        throw new AppError(503, 'livekit_unavailable', 'problems.liveKitUnavailable');
      }
      return new Response(answer.body, {
        status: answer.status,
        headers: {
          'Content-Type': answer.headers.get('Content-Type') ?? 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        },
      });
    });
  }

  const handleUpgrade = (request: IncomingMessage, client: Duplex, head: Buffer) => {
    client.on('error', () => client.destroy());
    const path = signallingPathOf(request);
    if (!path || request.headers.upgrade?.toLowerCase() !== 'websocket') {
      refuse(client, 404, 'Not Found');
      return;
    }
    const { host, port } = options.target();
    const upstream = connect({ host, port, noDelay: true });
    const tunnel = { client, upstream };
    tunnels.add(tunnel);
    let open = false;
    upstream.setTimeout(CONNECT_TIMEOUT_MS, () => upstream.destroy(new Error('timed out')));
    upstream.once('connect', () => {
      open = true;
      upstream.setTimeout(0);
      const peer = request.socket.remoteAddress ?? 'unknown';
      const forwardedFor = clientAddressOf(peer, headerValue(request, 'x-forwarded-for'), options.proxies);
      upstream.write(requestHead(request, path, `${hostForUrl(host)}:${port}`, forwardedFor));
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (error) => {
      if (open) return;
      // The path only: the query string holds the access token.
      options.log.warn({ path: path.split('?')[0], err: error.message }, 'LiveKit signalling unreachable');
      refuse(client, 503, 'Service Unavailable');
    });
    upstream.once('close', () => {
      tunnels.delete(tunnel);
      if (open) client.destroy();
    });
    client.once('close', () => {
      tunnels.delete(tunnel);
      upstream.destroy();
    });
  };

  return {
    routes,
    handleUpgrade,
    openTunnels: () => tunnels.size,
    close() {
      for (const { client, upstream } of tunnels) {
        upstream.destroy();
        client.destroy();
      }
      tunnels.clear();
    },
  };
}

/**
 * The path and query to ask LiveKit for, when the request names a signalling path. The URL is
 * normalised first (`/rtc/%2e%2e/twirp` is `/twirp`), and what was checked is what is sent.
 */
function signallingPathOf(request: IncomingMessage): string | null {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://serambi.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://serambi.invalid' || !SIGNALLING_PATHS.has(url.pathname)) return null;
  return `${url.pathname}${url.search}`;
}

/** Headers that describe the hop, not the request: Serambi writes its own. */
const HOP_HEADERS = new Set(['host', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded']);

/** The upgrade request as LiveKit receives it: the client's headers, our Host and X-Forwarded-For. */
function requestHead(request: IncomingMessage, path: string, host: string, forwardedFor: string): string {
  const lines = [`GET ${path} HTTP/1.1`, `Host: ${host}`, `X-Forwarded-For: ${forwardedFor}`];
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    if (!HOP_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${raw[i + 1] ?? ''}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function refuse(client: Duplex, status: number, reason: string): void {
  if (client.destroyed) return;
  client.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);
