/**
 * The crowd of bench/arrivals.bench.ts, in its own process (so its work is not the servers'):
 * each registrant arrives at its own moment of the window (open loop: nobody waits for anyone),
 * joins through one of the instances in turn, and then "connects": the participant_joined
 * webhook LiveKit would send for that connection, signed as LiveKit signs it, goes to the load
 * balancer. Once everyone is in, everyone leaves the same way. Answers its figures over IPC.
 */
import { randomBytes } from 'node:crypto';
import { signedDelivery } from '../test/support/webhooks.ts';
import { percentile } from './load.ts';

export interface ArrivalsPlan {
  /** Where joins go, in turn (each instance directly, as a round-robin balancer would send them). */
  instances: string[];
  /** The load balancer's webhook address. */
  webhookUrl: string;
  sessionSlug: string;
  /** The stage room's name (the session id). */
  room: string;
  secrets: string[];
  keys: { apiKey: string; apiSecret: string };
  arrivalWindowMs: number;
  leaveWindowMs: number;
}

export interface ArrivalsResult {
  joins: number;
  /** How many joins failed, and the first few reasons. */
  joinErrorCount: number;
  joinErrors: string[];
  joinP50Ms: number;
  joinP99Ms: number;
  /** From the first arrival to the last join answered. */
  arrivalsMs: number;
  webhooks: number;
  webhookErrorCount: number;
  webhookErrors: string[];
  webhookP50Ms: number;
  webhookP99Ms: number;
  /** How late the crowd's own timers sent an arrival, at worst (the generator keeping up). */
  worstStartLagMs: number;
  /** This process's CPU time. */
  generatorCpuMs: number;
}

/** The audience's permissions as LiveKit reports them (hidden, subscribe only): Serambi need not change them. */
const AUDIENCE_PERMISSION = {
  canSubscribe: true,
  canPublish: false,
  canPublishData: false,
  canPublishSources: [],
  hidden: true,
  recorder: false,
  canUpdateMetadata: false,
};

process.once('message', async (plan: ArrivalsPlan) => {
  const cpuAtStart = process.cpuUsage();
  const joinLatencies: number[] = [];
  const webhookLatencies: number[] = [];
  const joinErrors: string[] = [];
  const webhookErrors: string[] = [];
  const connections: Array<{ identity: string; sid: string; joinedAtMs: number }> = [];
  let worstStartLagMs = 0;

  const deliver = async (event: object) => {
    const delivery = await signedDelivery(plan.keys, event);
    const sentAt = performance.now();
    try {
      const answer = await fetch(plan.webhookUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/webhook+json', Authorization: delivery.authorization },
        body: delivery.body,
      });
      await answer.arrayBuffer();
      if (answer.status !== 204) webhookErrors.push(`webhook ${answer.status}`);
    } catch (error) {
      webhookErrors.push(`webhook: ${(error as Error).message}`);
    }
    webhookLatencies.push(performance.now() - sentAt);
  };
  const participantEvent = (
    name: 'participant_joined' | 'participant_left',
    connection: { identity: string; sid: string; joinedAtMs: number },
  ) => ({
    event: name,
    id: `EV_${randomBytes(8).toString('hex')}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { sid: 'RM_arrivals', name: plan.room },
    participant: {
      sid: connection.sid,
      identity: connection.identity,
      state: name === 'participant_left' ? 'DISCONNECTED' : 'ACTIVE',
      joinedAt: String(Math.floor(connection.joinedAtMs / 1000)),
      joinedAtMs: String(connection.joinedAtMs),
      permission: AUDIENCE_PERMISSION,
    },
  });

  /** Runs `work(i)` for each of `count` at its moment of `windowMs`, all in flight at once. */
  const spread = async (count: number, windowMs: number, work: (i: number) => Promise<void>) => {
    const started = performance.now();
    await Promise.all(
      Array.from(
        { length: count },
        (_, i) =>
          new Promise<void>((resolve) => {
            const due = (i * windowMs) / count;
            setTimeout(
              () => {
                worstStartLagMs = Math.max(worstStartLagMs, performance.now() - started - due);
                work(i).finally(resolve);
              },
              Math.max(0, due - (performance.now() - started)),
            );
          }),
      ),
    );
    return performance.now() - started;
  };

  const arrivalsMs = await spread(plan.secrets.length, plan.arrivalWindowMs, async (i) => {
    const base = plan.instances[i % plan.instances.length] as string;
    const sentAt = performance.now();
    let identity: string | undefined;
    try {
      const answer = await fetch(`${base}/api/sessions/${plan.sessionSlug}/room/join`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base },
        body: JSON.stringify({ joinSecret: plan.secrets[i] }),
      });
      const body = (await answer.json()) as { snapshot?: { me?: { identity?: string } }; livekit?: unknown };
      if (answer.status !== 200 || !body.livekit) joinErrors.push(`join ${answer.status}`);
      else identity = body.snapshot?.me?.identity;
    } catch (error) {
      joinErrors.push(`join: ${(error as Error).message}`);
    }
    joinLatencies.push(performance.now() - sentAt);
    if (!identity) return;
    // The browser connects to LiveKit; LiveKit tells Serambi.
    const connection = { identity, sid: `PA_${randomBytes(6).toString('hex')}`, joinedAtMs: Date.now() };
    connections.push(connection);
    await deliver(participantEvent('participant_joined', connection));
  });
  process.send?.({ phase: 'arrived', connected: connections.length });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  await spread(connections.length, plan.leaveWindowMs, async (i) => {
    await deliver(participantEvent('participant_left', connections[i] as (typeof connections)[number]));
  });

  joinLatencies.sort((a, b) => a - b);
  webhookLatencies.sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpuAtStart);
  const result: ArrivalsResult = {
    joins: joinLatencies.length,
    joinErrorCount: joinErrors.length,
    joinErrors: joinErrors.slice(0, 10),
    joinP50Ms: percentile(joinLatencies, 50),
    joinP99Ms: percentile(joinLatencies, 99),
    arrivalsMs,
    webhooks: webhookLatencies.length,
    webhookErrorCount: webhookErrors.length,
    webhookErrors: webhookErrors.slice(0, 10),
    webhookP50Ms: percentile(webhookLatencies, 50),
    webhookP99Ms: percentile(webhookLatencies, 99),
    worstStartLagMs,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
  process.send?.({ phase: 'done', result });
});
