import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeTcpPort, freeUdpPort } from '@serambi/server/net/free-port.ts';
import { ensureDebianPackage, spawnLogged, stopChild, tcpAnswers, untilAsync } from './daemons.ts';
import { type LiveKitCredentials, liveKitBinary } from './livekit.ts';

/**
 * A self-hosted LiveKit cluster on loopback, as the README's "Production: several instances"
 * describes it: Debian's redis-server (its own config in a temp dir, on 127.0.0.1, nothing saved
 * to disk) and `size` livekit-server nodes sharing it, with the same keys and webhook.
 *
 * Several nodes on one machine: each node's HTTP port (signalling and API) listens on an address
 * of its own (127.0.0.11, 127.0.0.12, …: Linux answers the whole of 127.0.0.0/8 on loopback
 * without it being an interface address). Media cannot: LiveKit's UDP listener binds interface
 * addresses only, and 127.0.0.1 is the only one here, so every node listens for UDP on 127.0.0.1
 * on a port of its own and advertises `node_ip: 127.0.0.1`. (A node with `node_ip: 127.0.0.12`
 * also carried media here, but only because it still offers its 127.0.0.1 loopback candidate,
 * so that proves nothing about the advertised address.) ICE/TCP stays off: it would listen on
 * every interface.
 */
export interface TestLiveKitNode {
  /** ws://127.0.0.1x:<port> */
  url: string;
  host: string;
  port: number;
  udpPort: number;
  /** LiveKit's own id for the node (ND_…), read from its log: the value Redis maps rooms to. */
  nodeId: string;
  readonly pid: number;
  logFile: string;
  /** SIGKILL: the node dies as a crashed machine would, without telling Redis or anyone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestLiveKitCluster extends LiveKitCredentials {
  nodes: TestLiveKitNode[];
  /** `LIVEKIT_URL` for Serambi: every node, comma-separated. */
  urls: string;
  /** The node LiveKit placed a room on (Redis' `room_node_map`), or undefined when none holds it. */
  nodeOf(room: string): TestLiveKitNode | undefined;
  stop(): Promise<void>;
}

const FIRST_NODE_ADDRESS = 11;

export async function startTestLiveKitCluster(options: {
  size: number;
  /** Where node `index` (from 1) posts its webhooks: the same load balancer for all, told apart by the query. */
  webhookUrl: (index: number) => string;
}): Promise<TestLiveKitCluster> {
  const redisServer = ensureDebianPackage('/usr/bin/redis-server', 'redis-server');
  const redisCli = ensureDebianPackage('/usr/bin/redis-cli', 'redis-tools');
  const binary = await liveKitBinary();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-lk-cluster-'));
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
    stops.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const redisPort = await freeTcpPort();
    const redisConfig = path.join(dir, 'redis.conf');
    writeFileSync(
      redisConfig,
      [
        'bind 127.0.0.1',
        'protected-mode yes',
        `port ${redisPort}`,
        'save ""',
        'appendonly no',
        `dir ${dir}`,
        'daemonize no',
        `logfile ${path.join(dir, 'redis.log')}`,
      ].join('\n'),
    );
    const redis = spawnLogged(redisServer, [redisConfig], path.join(dir, 'redis.stdout'));
    stops.push(() => stopChild(redis.child, redis.exited));
    await untilAsync(() => tcpAnswers('127.0.0.1', redisPort), redis.exited, `redis-server did not listen (${dir})`);

    const apiKey = `API${randomBytes(6).toString('hex')}`;
    const apiSecret = randomBytes(32).toString('base64url');
    const nodes: TestLiveKitNode[] = [];
    for (let i = 0; i < options.size; i++) {
      const host = `127.0.0.${FIRST_NODE_ADDRESS + i}`;
      const port = await freeTcpPort(host);
      const udpPort = await freeUdpPort();
      const configFile = path.join(dir, `livekit-${i + 1}.yaml`);
      const j = JSON.stringify;
      writeFileSync(
        configFile,
        [
          `port: ${port}`,
          `bind_addresses: [${j(host)}]`,
          `keys: { ${j(apiKey)}: ${j(apiSecret)} }`,
          'logging: { level: info, json: false }',
          `redis: { address: ${j(`127.0.0.1:${redisPort}`)} }`,
          'rtc:',
          '  tcp_port: 0',
          `  udp_port: ${udpPort}`,
          '  use_external_ip: false',
          '  node_ip: 127.0.0.1',
          '  enable_loopback_candidate: true',
          '  ips: { includes: ["127.0.0.1/32"] }',
          // As Serambi's own LiveKit: rooms are made by the server for sessions, never by a token.
          'room: { auto_create: false, empty_timeout: 300, departure_timeout: 20 }',
          'webhook:',
          `  api_key: ${j(apiKey)}`,
          `  urls: [${j(options.webhookUrl(i + 1))}]`,
        ].join('\n'),
        { mode: 0o600 },
      );
      const logFile = path.join(dir, `livekit-${i + 1}.log`);
      const process_ = spawnLogged(binary, ['--config', configFile], logFile, {
        ...process.env,
        LIVEKIT_CONFIG: undefined,
        LIVEKIT_KEYS: undefined,
      });
      const stopNode = () => stopChild(process_.child, process_.exited);
      stops.push(stopNode);
      await untilAsync(
        async () => (await fetch(`http://${host}:${port}/`).catch(() => undefined))?.ok === true,
        process_.exited,
        `LiveKit node ${i + 1} did not answer (log: ${logFile})`,
      );
      const nodeId = /"nodeID": "(ND_[A-Za-z0-9]+)"/.exec(readFileSync(logFile, 'utf8'))?.[1];
      if (!nodeId) throw new Error(`LiveKit node ${i + 1} did not log its node id (log: ${logFile})`);
      nodes.push({
        url: `ws://${host}:${port}`,
        host,
        port,
        udpPort,
        nodeId,
        pid: process_.child.pid ?? -1,
        logFile,
        kill: async () => {
          if (process_.child.exitCode !== null || process_.child.signalCode !== null) return;
          process_.child.kill('SIGKILL');
          await process_.exited;
        },
        stop: stopNode,
      });
    }
    const redisAsk = (...args: string[]) =>
      spawnSync(redisCli, ['-h', '127.0.0.1', '-p', String(redisPort), '--raw', ...args], {
        encoding: 'utf8',
      }).stdout.trim();
    return {
      url: nodes[0]?.url ?? '',
      apiKey,
      apiSecret,
      nodes,
      urls: nodes.map((node) => node.url).join(','),
      nodeOf: (room) => {
        const nodeId = redisAsk('HGET', 'room_node_map', room);
        return nodes.find((node) => node.nodeId === nodeId);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
