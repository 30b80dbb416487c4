import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/env.ts';
import { handleError } from '../http/problem.ts';
import { createMetrics } from './metrics.ts';
import { metricsRoutes } from './metrics-routes.ts';

/** The metrics route alone, in front of nothing: what it answers before it reads anything. */
function appWith(config: { production: boolean; metricsToken: string | undefined }) {
  const ctx = { config, metrics: createMetrics() } as unknown as Parameters<typeof metricsRoutes>[0];
  return new Hono<AppEnv>().route('/', metricsRoutes(ctx)).onError(handleError);
}

describe('who may read /metrics', () => {
  it('is not served in production unless METRICS_TOKEN is set', async () => {
    const response = await appWith({ production: true, metricsToken: undefined }).request('/metrics');
    expect(response.status).toBe(404);
  });

  it('asks for the token as a bearer when METRICS_TOKEN is set, also outside production', async () => {
    const app = appWith({ production: false, metricsToken: 'rahasia-metrik-panjang' });
    for (const authorization of [
      undefined,
      'Bearer salah',
      'Basic rahasia-metrik-panjang',
      'Bearer rahasia-metrik-panjan',
    ]) {
      const response = await app.request(
        '/metrics',
        authorization ? { headers: { Authorization: authorization } } : {},
      );
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toContain('Bearer');
      expect(await response.json()).toMatchObject({ code: 'metrics_token' });
    }
  });
});
