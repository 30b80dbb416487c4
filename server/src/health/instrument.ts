import { performance } from 'node:perf_hooks';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/env.ts';
import type { JobContext } from '../jobs/runner.ts';
import type { LiveKitEventName, LiveKitEvents } from '../livekit/webhook-routes.ts';
import { type AppMetrics, statusClass } from './metrics.ts';

/**
 * Counts every answered request by its route template (`/api/sessions/:ref/room/join`, never
 * the path itself: one series per route, not per session) and times it.
 */
export function measureHttp(metrics: AppMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      // After next(), the route index points at the handler that answered.
      const route = routePath(c) || 'unmatched';
      const method = c.req.method;
      metrics.httpRequests.inc({ method, route, status: statusClass(c.res.status) });
      metrics.httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
    }
  };
}

type MeasurableHandler = (payload: never, ctx: JobContext) => Promise<unknown>;

/** The job handlers, each attempt counted by kind and outcome and timed (the runner stays unaware). */
export function measuredJobHandlers<H extends Record<string, MeasurableHandler>>(handlers: H, metrics: AppMetrics): H {
  const measured: Record<string, MeasurableHandler> = {};
  for (const [kind, handler] of Object.entries(handlers)) {
    measured[kind] = async (payload, ctx) => {
      const stopTimer = metrics.jobDuration.startTimer({ kind });
      try {
        const done = await handler(payload, ctx);
        metrics.jobRuns.inc({ kind, outcome: 'done' });
        return done;
      } catch (error) {
        metrics.jobRuns.inc({ kind, outcome: 'failed' });
        throw error;
      } finally {
        stopTimer();
      }
    };
  }
  return measured as H;
}

const LIVEKIT_EVENTS: LiveKitEventName[] = [
  'room_started',
  'room_finished',
  'participant_joined',
  'participant_left',
  'participant_connection_aborted',
  'track_published',
  'track_unpublished',
  'egress_started',
  'egress_updated',
  'egress_ended',
  'ingress_started',
  'ingress_ended',
];

/** Counts LiveKit's webhook deliveries this instance handled; returns how to stop. */
export function countLiveKitWebhooks(metrics: AppMetrics, events: LiveKitEvents): () => void {
  const unsubscribe = LIVEKIT_EVENTS.map((name) => events.on(name, () => metrics.liveKitWebhooks.inc({ event: name })));
  return () => {
    for (const off of unsubscribe) off();
  };
}
