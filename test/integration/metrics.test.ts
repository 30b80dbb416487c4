import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { hasSample, scrapeMetrics, sumOf } from '../support/metrics.ts';
import { aRegistrant, aRoomSetup, eventually, joinRoom } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

const TOKEN = 'token-metrik-untuk-prometheus';

describe('GET /metrics, for Prometheus', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers only with the bearer token METRICS_TOKEN names', async () => {
    const without = await fetch(`${app.url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('Content-Type')).toContain('application/problem+json');
    expect(await without.json()).toMatchObject({ code: 'metrics_token' });
    expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: 'Bearer salah' } })).status).toBe(401);
    expect((await scrapeMetrics(app.url, TOKEN)).length).toBeGreaterThan(0);
  });

  it('counts requests by route template, joins, broadcasts, jobs, live sessions and whether its parts answer', async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    const setup = await aRoomSetup(app);
    const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
    expect((await host.call('/live')).status).toBe(204);
    const secret = await aRegistrant(app, setup.owner, setup.session.slug, 'Budi Santoso');
    await joinRoom(app, setup.session.slug, { joinSecret: secret });
    expect((await fetch(`${app.url}/api/sessions/${setup.session.slug}/tidak-ada`)).status).toBe(404);

    // The invitation's mail is a job: wait until this instance's runner has run it.
    const samples = await eventually(async () => {
      const scraped = await scrapeMetrics(app.url, TOKEN);
      return sumOf(scraped, 'serambi_job_runs_total', { kind: 'send-mail', outcome: 'done' }) >= 1 && scraped;
    });

    const join = { method: 'POST', route: '/api/sessions/:ref/room/join' };
    expect(sumOf(samples, 'serambi_http_requests_total', { ...join, status: '2xx' })).toBe(2);
    expect(sumOf(samples, 'serambi_http_request_duration_seconds_count', join)).toBe(2);
    expect(sumOf(samples, 'serambi_http_request_duration_seconds_bucket', { ...join, le: '+Inf' })).toBe(2);
    expect(
      sumOf(samples, 'serambi_http_requests_total', { method: 'GET', route: '/api/health', status: '2xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sumOf(samples, 'serambi_http_requests_total', { status: '4xx' })).toBeGreaterThanOrEqual(1);
    // Routes, never paths: no session's slug becomes a series of its own.
    expect(samples.some((s) => s.labels.route?.includes(setup.session.slug))).toBe(false);

    expect(sumOf(samples, 'serambi_room_events_broadcast_total')).toBeGreaterThan(0);
    expect(sumOf(samples, 'serambi_live_sessions')).toBe(1);
    expect(sumOf(samples, 'serambi_up', { part: 'db' })).toBe(1);
    expect(sumOf(samples, 'serambi_up', { part: 'livekit' })).toBe(1);
    expect(hasSample(samples, 'serambi_jobs', { status: 'queued' })).toBe(true);
    expect(hasSample(samples, 'serambi_job_duration_seconds_count', { kind: 'send-mail' })).toBe(true);
    // Node's own, from prom-client's defaults.
    expect(sumOf(samples, 'serambi_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(hasSample(samples, 'serambi_nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });
});

describe('GET /metrics in production (an https PUBLIC_URL)', () => {
  let app: TestApp;
  let mailServer: SmtpPeer;
  beforeAll(async () => {
    mailServer = await startSmtpPeer();
    app = await startTestApp({
      smtpUrl: mailServer.url,
      env: { PUBLIC_URL: 'https://serambi.example.id', METRICS_TOKEN: TOKEN },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await mailServer?.stop();
  });

  it('is served to the bearer of METRICS_TOKEN, and to nobody else', async () => {
    expect(app.context.config.production).toBe(true);
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: 'Bearer salah' } })).status).toBe(401);
    expect(hasSample(await scrapeMetrics(app.url, TOKEN), 'serambi_up', { part: 'db' })).toBe(true);
  });
});
