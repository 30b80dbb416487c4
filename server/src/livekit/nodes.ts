import type { Logger } from 'pino';

/**
 * The LiveKit nodes Serambi talks to: one (the local server, LiveKit Cloud, or a cluster behind
 * its own balancer) or several nodes of a self-hosted cluster sharing a Redis
 * (docs/livekit.md#clusters-and-scale). Any node answers any API call and any signalling
 * connection, whichever node holds the room: LiveKit routes both through Redis. So Serambi only
 * has to avoid nodes that are down: each is asked `GET /` every couple of seconds (LiveKit's
 * health check answers 200 "OK"), and a node that refused a connection counts as down until it
 * answers again.
 */
export interface LiveKitNode {
  /** ws(s):// URL of the node's HTTP port (signalling and API). */
  readonly url: string;
  /** The same as http(s)://, for the server SDK and the health check. */
  readonly httpUrl: string;
  readonly host: string;
  readonly port: number;
  readonly healthy: boolean;
}

export interface LiveKitNodes {
  readonly all: readonly LiveKitNode[];
  /** Every node, those answering first (each group in the configured order): the order to try them in. */
  inOrder(): LiveKitNode[];
  /** A call or a connection to this node failed as if it were down (refused, unreachable, timed out). */
  markDown(node: LiveKitNode): void;
  /** Checks every node once now; resolves when all have answered or timed out. */
  check(): Promise<void>;
  /** Checks every node every `intervalMs` until `stop()`. */
  start(): void;
  stop(): void;
}

/** How often each node's health is asked, and how long one answer may take. */
export const NODE_CHECK_INTERVAL_MS = 2_000;
const NODE_CHECK_TIMEOUT_MS = 1_500;

export function createLiveKitNodes(
  urls: readonly string[],
  options: { log?: Logger; intervalMs?: number; fetch?: typeof fetch } = {},
): LiveKitNodes {
  if (urls.length === 0) throw new Error('a LiveKit deployment has at least one node');
  const doFetch = options.fetch ?? fetch;
  const nodes = urls.map((url) => {
    const httpUrl = url.replace(/^ws/, 'http').replace(/\/$/, '');
    const parsed = new URL(httpUrl);
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    return { url: url.replace(/^http/, 'ws').replace(/\/$/, ''), httpUrl, host, port, healthy: true };
  });
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;

  const setHealth = (node: (typeof nodes)[number], healthy: boolean) => {
    if (node.healthy === healthy) return;
    node.healthy = healthy;
    if (healthy) options.log?.info({ node: node.httpUrl }, 'LiveKit node answers again');
    else options.log?.warn({ node: node.httpUrl }, 'LiveKit node is down; using the others');
  };

  const checkOne = async (node: (typeof nodes)[number]) => {
    try {
      const answer = await doFetch(`${node.httpUrl}/`, { signal: AbortSignal.timeout(NODE_CHECK_TIMEOUT_MS) });
      await answer.body?.cancel();
      setHealth(node, answer.ok);
    } catch {
      setHealth(node, false);
    }
  };

  const check = () => {
    checking ??= Promise.all(nodes.map(checkOne))
      .then(() => undefined)
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };

  return {
    all: nodes,
    inOrder: () => [...nodes.filter((n) => n.healthy), ...nodes.filter((n) => !n.healthy)],
    markDown(node) {
      const own = nodes.find((n) => n === node || n.httpUrl === node.httpUrl);
      // One node is all there is: it is tried whatever its health, so there is nothing to mark.
      if (own && nodes.length > 1) setHealth(own, false);
    },
    check,
    start() {
      // One node needs no checks: it is the only one to try.
      if (timer || nodes.length < 2) return;
      timer = setInterval(() => void check(), options.intervalMs ?? NODE_CHECK_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
