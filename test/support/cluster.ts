import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import { type Caller, callerWith } from './accounts.ts';
import { startTestApp, type TestApp } from './app.ts';
import { type LiveKitCredentials, startTestLiveKit } from './livekit.ts';
import { startTestLiveKitCluster, type TestLiveKitCluster } from './livekit-cluster.ts';
import { createTestDatabase } from './postgres.ts';

/**
 * A load balancer as small as it gets: each request goes to the next instance in turn, as a
 * round-robin balancer without sticky sessions does. LiveKit posts its webhooks here, so
 * deliveries land on every instance.
 */
export interface RoundRobinProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The instances requests go to; set once they listen. */
  targets: string[];
  /** How many requests each target answered, by target URL. */
  readonly served: Map<string, number>;
  /** How many requests came to each path with its query (`/api/livekit/webhook?node=2`). */
  readonly paths: Map<string, number>;
  stop(): Promise<void>;
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  const served = new Map<string, number>();
  const paths = new Map<string, number>();
  const proxy: RoundRobinProxy = {
    url: '',
    targets: [],
    served,
    paths,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const target = proxy.targets[next++ % Math.max(proxy.targets.length, 1)];
    if (!target) {
      outgoing.writeHead(503).end('no instance yet');
      return;
    }
    served.set(target, (served.get(target) ?? 0) + 1);
    paths.set(incoming.url ?? '/', (paths.get(incoming.url ?? '/') ?? 0) + 1);
    forward(incoming, outgoing, target);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

function forward(incoming: IncomingMessage, outgoing: ServerResponse, target: string) {
  const url = new URL(incoming.url ?? '/', target);
  const upstream = httpRequest(
    url,
    { method: incoming.method, headers: { ...incoming.headers, host: url.host } },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });
  incoming.pipe(upstream);
}

/**
 * N Serambi instances as production runs them: one PostgreSQL database, one LiveKit deployment
 * of their own (external to every instance), its webhooks through a round-robin proxy, and
 * one SMTP server when given.
 */
export interface TestCluster {
  instances: TestApp[];
  /** The one LiveKit server, or the first node of `liveKitCluster`. */
  liveKit: LiveKitCredentials;
  /** With `liveKitNodes` > 1: the LiveKit nodes and their Redis. */
  liveKitCluster: TestLiveKitCluster | undefined;
  /** Where LiveKit's webhooks go. */
  webhookProxy: RoundRobinProxy;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startTestCluster(options: {
  size: number;
  smtpUrl?: string;
  /** LiveKit nodes sharing a Redis (README: "Production: several instances"); one plain server by default. */
  liveKitNodes?: number;
  /** More variables for every instance, applied last. */
  env?: NodeJS.ProcessEnv;
  /** The PostgreSQL server to make the database on (outside vitest, e.g. a bench); the run's by default. */
  postgresUrl?: string;
}): Promise<TestCluster> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const databaseUrl = await createTestDatabase(...(options.postgresUrl ? [options.postgresUrl] : []));
    const webhookProxy = await startRoundRobinProxy();
    stops.push(() => webhookProxy.stop());
    let liveKit: LiveKitCredentials;
    let liveKitCluster: TestLiveKitCluster | undefined;
    let liveKitUrl: string;
    if ((options.liveKitNodes ?? 1) > 1) {
      const started = await startTestLiveKitCluster({
        size: options.liveKitNodes ?? 2,
        webhookUrl: (node) => `${webhookProxy.url}/api/livekit/webhook?node=${node}`,
      });
      stops.push(() => started.stop());
      liveKitCluster = started;
      liveKit = started;
      liveKitUrl = started.urls;
    } else {
      const started = await startTestLiveKit({ webhookUrl: `${webhookProxy.url}/api/livekit/webhook` });
      stops.push(() => started.stop());
      liveKit = started;
      liveKitUrl = started.url;
    }
    const env = {
      LIVEKIT_URL: liveKitUrl,
      LIVEKIT_API_KEY: liveKit.apiKey,
      LIVEKIT_API_SECRET: liveKit.apiSecret,
      ...options.env,
    };
    const instances: TestApp[] = [];
    // One after the other: the first migrates the database, the others find it migrated.
    for (let i = 0; i < options.size; i++) {
      // Its own address as PUBLIC_URL: with a LiveKit cluster, browsers reach signalling through it.
      const port = await freeTcpPort();
      const app = await startTestApp({
        databaseUrl,
        smtpUrl: options.smtpUrl,
        env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
      });
      stops.push(() => app.stop());
      instances.push(app);
    }
    webhookProxy.targets = instances.map((app) => app.url);
    return { instances, liveKit, liveKitCluster, webhookProxy, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The same signed-in person, their requests going to another instance (the cookie is valid everywhere). */
export function callerOn(app: TestApp, caller: Caller): Caller {
  return callerWith(app.url, caller.email, caller.cookie);
}
