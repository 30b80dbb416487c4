import { Hono } from 'hono';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/env.ts';
import type { JobContext } from '../jobs/runner.ts';
import { LiveKitEvents } from '../livekit/webhook-routes.ts';
import { countLiveKitWebhooks, measuredJobHandlers, measureHttp } from './instrument.ts';
import { type AppMetrics, createMetrics } from './metrics.ts';

/** The count of a counter's series with these labels (0 when there is none). */
const countOf = async (counter: AppMetrics['httpRequests' | 'jobRuns' | 'liveKitWebhooks'], labels: object) =>
  (await counter.get()).values.find((value) =>
    Object.entries(labels).every(([name, label]) => (value.labels as Record<string, unknown>)[name] === label),
  )?.value ?? 0;

const anApp = (metrics: AppMetrics) =>
  new Hono<AppEnv>()
    .use(measureHttp(metrics))
    .get('/api/sessions/:ref', (c) => c.json({ ref: c.req.param('ref') }))
    .get('/api/boom', () => {
      throw new Error('boom');
    })
    .onError((_error, c) => c.text('failed', 500));

describe('measuring HTTP', () => {
  it('counts requests by their route template, never by the path: one series per route', async () => {
    const metrics = createMetrics();
    const app = anApp(metrics);
    await app.request('/api/sessions/menulis-untuk-web');
    await app.request('/api/sessions/s-2');
    expect(await countOf(metrics.httpRequests, { route: '/api/sessions/:ref', method: 'GET', status: '2xx' })).toBe(2);
    const routes = (await metrics.httpRequests.get()).values.map((value) => value.labels.route);
    expect(routes).not.toContain('/api/sessions/menulis-untuk-web');
  });

  it('counts a request no route answers under one name, whatever its path', async () => {
    const metrics = createMetrics();
    const app = anApp(metrics);
    await app.request('/nowhere/1');
    await app.request('/nowhere/2');
    const series = (await metrics.httpRequests.get()).values;
    expect(series).toHaveLength(1);
    expect(series[0]?.labels.status).toBe('4xx');
    expect(series[0]?.value).toBe(2);
  });

  it('counts a request whose handler failed, as the 500 it was answered with', async () => {
    const metrics = createMetrics();
    const response = await anApp(metrics).request('/api/boom');
    expect(response.status).toBe(500);
    expect(await countOf(metrics.httpRequests, { route: '/api/boom', status: '5xx' })).toBe(1);
  });

  it('times each request under its route', async () => {
    const metrics = createMetrics();
    await anApp(metrics).request('/api/sessions/a');
    const { values } = await metrics.httpDuration.get();
    const count = values.find((value) => value.metricName?.endsWith('_count'));
    expect(count?.labels).toEqual({ method: 'GET', route: '/api/sessions/:ref' });
    expect(count?.value).toBe(1);
  });
});

const ctx = {
  job: { id: 'j1', kind: 'send-mail' },
  log: pino({ level: 'silent' }),
  now: () => new Date(),
} as JobContext;

describe('measuring jobs', () => {
  it('counts each attempt by kind and outcome, and hands the handler’s answer on', async () => {
    const metrics = createMetrics();
    const handlers = measuredJobHandlers(
      {
        'send-mail': async (_payload: never, _ctx: JobContext) => ({ done: true }),
        'recording-finish': async (_payload: never, _ctx: JobContext) => {
          throw new Error('ffmpeg failed');
        },
      },
      metrics,
    );
    expect(await handlers['send-mail']({} as never, ctx)).toEqual({ done: true });
    await expect(handlers['recording-finish']({} as never, ctx)).rejects.toThrow('ffmpeg failed');
    expect(await countOf(metrics.jobRuns, { kind: 'send-mail', outcome: 'done' })).toBe(1);
    expect(await countOf(metrics.jobRuns, { kind: 'send-mail', outcome: 'failed' })).toBe(0);
    expect(await countOf(metrics.jobRuns, { kind: 'recording-finish', outcome: 'failed' })).toBe(1);
  });

  it('times failed attempts as well as done ones', async () => {
    const metrics = createMetrics();
    const handlers = measuredJobHandlers(
      {
        flaky: async (_payload: never, _ctx: JobContext) => {
          throw new Error('not yet');
        },
      },
      metrics,
    );
    await expect(handlers.flaky({} as never, ctx)).rejects.toThrow();
    const { values } = await metrics.jobDuration.get();
    expect(values.find((value) => value.metricName?.endsWith('_count'))).toMatchObject({
      labels: { kind: 'flaky' },
      value: 1,
    });
  });
});

describe('counting LiveKit’s webhooks', () => {
  const delivery = (event: string) => ({ event }) as Parameters<LiveKitEvents['dispatch']>[0];

  it('counts each delivery by its event, until told to stop', async () => {
    const metrics = createMetrics();
    const events = new LiveKitEvents();
    const stop = countLiveKitWebhooks(metrics, events);
    await events.dispatch(delivery('participant_joined'));
    await events.dispatch(delivery('participant_joined'));
    await events.dispatch(delivery('egress_ended'));
    expect(await countOf(metrics.liveKitWebhooks, { event: 'participant_joined' })).toBe(2);
    expect(await countOf(metrics.liveKitWebhooks, { event: 'egress_ended' })).toBe(1);
    stop();
    await events.dispatch(delivery('participant_joined'));
    expect(await countOf(metrics.liveKitWebhooks, { event: 'participant_joined' })).toBe(2);
  });
});
