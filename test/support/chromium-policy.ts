import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Chromium's managed policies on Debian: read by every Chromium on the machine when it starts. */
const POLICY_FOLDER = '/etc/chromium/policies/managed';
const NO_UDP_POLICY = path.join(POLICY_FOLDER, 'serambi-test-no-udp.json');

/**
 * Runs `body` while Chromium lets no UDP out but through a proxy (there is none, so: no UDP at
 * all), the way a strict office network does. Chromium ignores the command-line switch for this
 * and obeys only the managed policy, which is machine-wide: launch the browser inside `body`,
 * and run such tests where no other Chromium runs (the `solo` project). The file is removed
 * whatever happens.
 */
export async function withChromiumUdpBlocked<T>(body: () => Promise<T>): Promise<T> {
  mkdirSync(POLICY_FOLDER, { recursive: true });
  writeFileSync(NO_UDP_POLICY, JSON.stringify({ WebRtcIPHandling: 'disable_non_proxied_udp' }));
  try {
    return await body();
  } finally {
    removeChromiumUdpBlock();
  }
}

/** Removes the policy, also one a killed run left behind (every later browser test would lose UDP). */
export function removeChromiumUdpBlock(): void {
  rmSync(NO_UDP_POLICY, { force: true });
}
