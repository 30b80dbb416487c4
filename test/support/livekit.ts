import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveLiveKitBinary } from '@serambi/server/livekit/binary.ts';
import { type LocalLiveKit, startLocalLiveKit } from '@serambi/server/livekit/local-server.ts';
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A LiveKit server shared by the run, for tests that need no webhooks of their own. */
    liveKit: LiveKitCredentials;
  }
}

export interface LiveKitCredentials {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** The LiveKit binary the tests use: the same resolution as `pnpm start` (building it when needed). */
export function liveKitBinary(): Promise<string> {
  return resolveLiveKitBinary({
    explicit: process.env.LIVEKIT_BIN,
    onProgress: (line) => process.stderr.write(`[livekit] ${line}\n`),
  });
}

/** A real LiveKit server on free loopback ports with its own data dir, removed on stop. */
export async function startTestLiveKit(options: { webhookUrl?: string } = {}): Promise<LocalLiveKit> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'serambi-livekit-'));
  const server = await startLocalLiveKit({ binary: await liveKitBinary(), dataDir, webhookUrl: options.webhookUrl });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
