import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What one instance tells Prometheus (GET /metrics). One registry per app context, not
 * prom-client's global one: tests and benchmarks run several instances in one process.
 *
 * Counters and histograms are this instance's own (Prometheus sums them over instances);
 * the gauges sampled from the database (`serambi_live_sessions`, `serambi_jobs`,
 * `serambi_room_connected`) are the whole deployment's and read the same on every instance:
 * take `max` of them across instances, not `sum`.
 */
export interface AppMetrics {
  readonly registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  liveKitWebhooks: Counter<'event'>;
  jobRuns: Counter<'kind' | 'outcome'>;
  jobDuration: Histogram<'kind'>;
  eventsBroadcast: Counter;
  burstFlushes: Counter;
  up: Gauge<'part'>;
  liveSessions: Gauge;
  connectedParticipants: Gauge;
  jobs: Gauge<'status'>;
}

const PREFIX = 'serambi_';

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: `${PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by method, route template and status class (2xx, 4xx, …).',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time to answer an HTTP request, by method and route template.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    liveKitWebhooks: new Counter({
      name: `${PREFIX}livekit_webhooks_total`,
      help: 'LiveKit webhook deliveries this instance handled (replays and retries of handled ones excluded), by event.',
      labelNames: ['event'],
      registers,
    }),
    jobRuns: new Counter({
      name: `${PREFIX}job_runs_total`,
      help: 'Background job attempts this instance ran, by kind and outcome (done, failed).',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    jobDuration: new Histogram({
      name: `${PREFIX}job_duration_seconds`,
      help: 'Time one attempt of a background job took, by kind.',
      labelNames: ['kind'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    eventsBroadcast: new Counter({
      name: `${PREFIX}room_events_broadcast_total`,
      help: 'Room events this instance handed to LiveKit (each room of a session counts).',
      registers,
    }),
    burstFlushes: new Counter({
      name: `${PREFIX}room_burst_flushes_total`,
      help: 'Coalesced announcements of votes and reactions this instance made.',
      registers,
    }),
    up: new Gauge({
      name: `${PREFIX}up`,
      help: 'Whether a part answers this instance at scrape time (1) or not (0): db, livekit.',
      labelNames: ['part'],
      registers,
    }),
    liveSessions: new Gauge({
      name: `${PREFIX}live_sessions`,
      help: 'Sessions live now (the whole deployment: same on every instance).',
      registers,
    }),
    connectedParticipants: new Gauge({
      name: `${PREFIX}room_connected`,
      help: 'People connected to live stage rooms now, as LiveKit’s webhooks said (the whole deployment).',
      registers,
    }),
    jobs: new Gauge({
      name: `${PREFIX}jobs`,
      help: 'Background jobs by status (the whole deployment: same on every instance).',
      labelNames: ['status'],
      registers,
    }),
  };
}

/** 200 → "2xx": the class keeps the number of series small; the route says the rest. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
