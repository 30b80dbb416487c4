import { describe, expect, it } from 'vitest';
import { createMetrics, statusClass } from './metrics.ts';

describe('what an instance tells Prometheus', () => {
  it('counts answers by status class, so the number of series stays small', () => {
    expect(statusClass(200)).toBe('2xx');
    expect(statusClass(204)).toBe('2xx');
    expect(statusClass(302)).toBe('3xx');
    expect(statusClass(404)).toBe('4xx');
    expect(statusClass(429)).toBe('4xx');
    expect(statusClass(503)).toBe('5xx');
  });

  it('names every metric of its own with the serambi_ prefix, process metrics included', async () => {
    const metrics = createMetrics();
    const names = (await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names.length).toBeGreaterThan(11);
    expect(names.filter((name) => !name.startsWith('serambi_'))).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining([
        'serambi_http_requests_total',
        'serambi_http_request_duration_seconds',
        'serambi_livekit_webhooks_total',
        'serambi_job_runs_total',
        'serambi_job_duration_seconds',
        'serambi_room_events_broadcast_total',
        'serambi_room_burst_flushes_total',
        'serambi_up',
        'serambi_live_sessions',
        'serambi_room_connected',
        'serambi_jobs',
        'serambi_process_cpu_seconds_total',
      ]),
    );
  });

  it('keeps one registry per app context: two instances in one process count apart', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.httpRequests.inc({ method: 'GET', route: '/api/health', status: '2xx' }, 3);
    second.httpRequests.inc({ method: 'GET', route: '/api/health', status: '2xx' });
    const count = async (metrics: ReturnType<typeof createMetrics>) =>
      (await metrics.httpRequests.get()).values.find((value) => value.labels.route === '/api/health')?.value;
    expect(await count(first)).toBe(3);
    expect(await count(second)).toBe(1);
  });

  it('labels requests by method, route template and status class in the text Prometheus scrapes', async () => {
    const metrics = createMetrics();
    metrics.httpRequests.inc({ method: 'POST', route: '/api/sessions/{ref}/room/join', status: statusClass(201) });
    metrics.jobs.set({ status: 'pending' }, 4);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'serambi_http_requests_total{method="POST",route="/api/sessions/{ref}/room/join",status="2xx"} 1',
    );
    expect(text).toContain('serambi_jobs{status="pending"} 4');
  });

  it('times requests in seconds, with buckets from 5 ms to 10 s', async () => {
    const metrics = createMetrics();
    metrics.httpDuration.observe({ method: 'GET', route: '/api/me' }, 0.03);
    const { values } = await metrics.httpDuration.get();
    const bucket = (le: number) =>
      values.find((value) => value.metricName?.endsWith('_bucket') && (value.labels as { le?: number }).le === le)
        ?.value;
    expect(bucket(0.005)).toBe(0);
    expect(bucket(0.025)).toBe(0);
    expect(bucket(0.05)).toBe(1);
    expect(bucket(10)).toBe(1);
  });
});
