import type { TestProject } from 'vitest/node';
import { removeChromiumUdpBlock } from './chromium-policy.ts';
import { startTestLiveKit } from './livekit.ts';
import { startPostgres } from './postgres.ts';

/**
 * Starts the real parts once per run. If one cannot start, the run fails here: no test is
 * silently skipped for a missing LiveKit or PostgreSQL.
 */
export default async function setup(project: TestProject) {
  // A run killed while a test blocked UDP must not leave every later browser without it.
  removeChromiumUdpBlock();
  const [liveKit, postgres] = await Promise.all([startTestLiveKit(), startPostgres()]);
  project.provide('liveKit', { url: liveKit.url, apiKey: liveKit.apiKey, apiSecret: liveKit.apiSecret });
  project.provide('postgresUrl', postgres.url);
  return async () => {
    await Promise.all([liveKit.stop(), postgres.stop()]);
  };
}
