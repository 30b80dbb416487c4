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

/** Where a LiveKit node's HTTP port is: asked per connection, so a restarted or moved LiveKit is followed. */
export interface SignallingTarget {
  host: string;
  port: number;
  /** False while the node's health check fails: it is tried only when no healthy node took the connection. */
  healthy?: boolean;
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
  /** Signalling WebSockets open now per LiveKit node (host:port), nodes with none left out. */
  tunnelsPerNode(): Map<string, number>;
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
  /**
   * The LiveKit nodes signalling may go to (one, or the nodes of a cluster: any node relays a
   * participant to the node that holds its room). Each WebSocket goes to the healthy node with
   * the fewest tunnels open, turn about among equals; a node that refuses is skipped for the next.
   */
  targets: () => readonly SignallingTarget[];
  /** Told when a node refused or did not answer a connection (the cluster's health marks it down). */
  onUnreachable?: (target: SignallingTarget) => void;
  /** Proxies whose X-Forwarded-For is believed (the app's TRUSTED_PROXIES and loopback). */
  proxies: BlockList;
  log: Logger;
}): SignallingProxy {
  const tunnels = new Set<{ client: Duplex; upstream: Socket }>();
  /** Open tunnels per node, by host:port. */
  const perNode = new Map<string, number>();
  let turn = 0;
  const keyOf = (target: SignallingTarget) => `${target.host}:${target.port}`;
  /** The nodes in the order to try them: healthy ones by fewest open tunnels (turn about among equals), then the rest. */
  const candidates = (): SignallingTarget[] => {
    const all = options.targets();
    const start = turn++ % Math.max(all.length, 1);
    const rotated = [...all.slice(start), ...all.slice(0, start)];
    const load = (target: SignallingTarget) => perNode.get(keyOf(target)) ?? 0;
    const healthy = rotated.filter((t) => t.healthy !== false).sort((a, b) => load(a) - load(b));
    return [...healthy, ...rotated.filter((t) => t.healthy === false)];
  };

  const routes = new Hono<AppEnv>();
  for (const path of SIGNALLING_PATHS) {
    routes.get(path, async (c) => {
      const authorization = c.req.header('Authorization');
      let answer: Response | undefined;
      for (const target of candidates()) {
        try {
          answer = await fetch(`http://${hostForUrl(target.host)}:${target.port}${path}${new URL(c.req.url).search}`, {
            headers: authorization ? { Authorization: authorization } : {},
            signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS),
          });
          break;
        } catch {
          options.onUnreachable?.(target);
        }
      }
      if (!answer) throw new AppError(503, 'livekit_unavailable', 'problems.liveKitUnavailable');
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
    tunnelTo(request, client, head, path, candidates());
  };

  /** Opens the tunnel to the first of `targets` that accepts the connection; 503 when none does. */
  const tunnelTo = (
    request: IncomingMessage,
    client: Duplex,
    head: Buffer,
    path: string,
    targets: SignallingTarget[],
  ): void => {
    const [target, ...rest] = targets;
    if (!target) {
      refuse(client, 503, 'Service Unavailable');
      return;
    }
    if (client.destroyed) return;
    const { host, port } = target;
    const key = keyOf(target);
    const upstream = connect({ host, port, noDelay: true });
    const tunnel = { client, upstream };
    tunnels.add(tunnel);
    let open = false;
    let counted = false;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      perNode.set(key, (perNode.get(key) ?? 1) - 1);
    };
    upstream.setTimeout(CONNECT_TIMEOUT_MS, () => upstream.destroy(new Error('timed out')));
    upstream.once('connect', () => {
      open = true;
      counted = true;
      perNode.set(key, (perNode.get(key) ?? 0) + 1);
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
      options.log.warn({ path: path.split('?')[0], node: key, err: error.message }, 'LiveKit signalling unreachable');
      options.onUnreachable?.(target);
      tunnels.delete(tunnel);
      client.off('close', onClientClose);
      tunnelTo(request, client, head, path, rest);
    });
    upstream.once('close', () => {
      tunnels.delete(tunnel);
      uncount();
      if (open) client.destroy();
    });
    const onClientClose = () => {
      tunnels.delete(tunnel);
      uncount();
      upstream.destroy();
    };
    client.once('close', onClientClose);
  };

  return {
    routes,
    handleUpgrade,
    openTunnels: () => tunnels.size,
    tunnelsPerNode: () => new Map([...perNode].filter(([, count]) => count > 0)),
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
