import { timingSafeEqual } from 'node:crypto';
import { and, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { jobs } from '../jobs/schema.ts';
import { roomDepsOf } from '../room/deps.ts';
import { roomParticipants, sessionRooms } from '../room/schema.ts';
import type { AppMetrics } from './metrics.ts';
import { checkHealth } from './service.ts';

type MetricsContext = Pick<
  AppContext,
  'config' | 'metrics' | 'db' | 'database' | 'livekit' | 'roomTickets' | 'roomParts' | 'log' | 'now'
>;

/**
 * GET /metrics, Prometheus' text format, at the root where scrapers look by default (not under
 * /api: it is for operators, not the web client, and stays out of the OpenAPI document).
 * With METRICS_TOKEN set it asks for `Authorization: Bearer <token>`; without it, metrics are
 * open outside production and not served in production (404), so a deployment does not
 * publish who is live and how busy it is by accident.
 */
export function metricsRoutes(ctx: MetricsContext) {
  const sample = createSampler(ctx);
  return new Hono<AppEnv>().get('/metrics', async (c) => {
    const token = ctx.config.metricsToken;
    if (!token && ctx.config.production) throw AppError.notFound();
    if (token && !bearerMatches(c.req.header('Authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new AppError(401, 'metrics_token', 'problems.metricsToken');
    }
    await sample();
    c.header('Cache-Control', 'no-store');
    return c.body(await ctx.metrics.registry.metrics(), 200, { 'Content-Type': ctx.metrics.registry.contentType });
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.match(/^Bearer (.+)$/i)?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * What is read at scrape time rather than counted as it happens: whether the database and
 * LiveKit answer, the deployment's live sessions, connected people and jobs (from the
 * database), and the room's own counters (kept by the broadcaster and the coalescer).
 */
function createSampler(ctx: MetricsContext) {
  let countedBroadcasts = 0;
  let countedFlushes = 0;
  return async () => {
    const metrics: AppMetrics = ctx.metrics;
    // The room's own dependencies, made once per context (the same the routes use).
    const room = roomDepsOf(ctx);
    metrics.eventsBroadcast.inc(room.broadcaster.sent - countedBroadcasts);
    countedBroadcasts = room.broadcaster.sent;
    metrics.burstFlushes.inc(room.bursts.flushes - countedFlushes);
    countedFlushes = room.bursts.flushes;

    const health = await checkHealth(ctx);
    metrics.up.set({ part: 'db' }, health.db === 'ok' ? 1 : 0);
    metrics.up.set({ part: 'livekit' }, health.livekit === 'ok' ? 1 : 0);
    if (health.db !== 'ok') return;
    try {
      await sampleDatabase(ctx, metrics);
    } catch (err) {
      ctx.log.warn({ err }, 'metrics: database figures not read');
    }
  };
}

/** Done and cancelled jobs pile up by design; counting them on every scrape would read them all. */
const JOB_STATUSES = ['queued', 'running', 'failed'] as const;

async function sampleDatabase(ctx: MetricsContext, metrics: AppMetrics) {
  const live = and(isNotNull(sessionRooms.liveAt), isNull(sessionRooms.endedAt));
  const [[sessions], [connected], byStatus] = await Promise.all([
    ctx.db.select({ n: count() }).from(sessionRooms).where(live),
    ctx.db
      .select({ n: count() })
      .from(roomParticipants)
      .innerJoin(sessionRooms, eq(sessionRooms.sessionId, roomParticipants.sessionId))
      .where(and(live, eq(roomParticipants.connected, true))),
    ctx.db
      .select({ status: jobs.status, n: count() })
      .from(jobs)
      .where(inArray(jobs.status, JOB_STATUSES))
      .groupBy(jobs.status),
  ]);
  metrics.liveSessions.set(sessions?.n ?? 0);
  metrics.connectedParticipants.set(connected?.n ?? 0);
  for (const status of JOB_STATUSES) {
    metrics.jobs.set({ status }, byStatus.find((row) => row.status === status)?.n ?? 0);
  }
}
