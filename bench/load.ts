import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A closed-loop load generator: `concurrency` callers, each sending its next request when the last one answered. */

export interface LoadResult {
  requests: number;
  /** Answers outside 2xx, and requests that failed. */
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function runLoad(input: {
  concurrency: number;
  durationMs: number;
  /** Sends request number `i`; the answer's status decides success, its body is read and dropped. */
  send: (i: number) => Promise<Response>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + input.durationMs;
  const caller = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      const sentAt = performance.now();
      try {
        const response = await input.send(i);
        await response.arrayBuffer();
        if (!response.ok) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sentAt);
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, caller));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** The value below which `p` percent of the sorted values fall (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

/** What a load run sends: one URL, fixed headers, and a body per request (cycled), or none. */
export interface LoadPlan {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  bodies?: string[];
  concurrency: number;
  durationMs: number;
}

/**
 * Runs a load plan from a child process, so the load generator does not share the server's
 * event loop: a server whose loop is busy (PGlite runs queries on it) would otherwise also
 * slow down the client measuring it, and the tail would be the client's.
 */
export function runLoadElsewhere(plan: LoadPlan): Promise<LoadResult & { serverCpuMs: number }> {
  const child = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    // This process's CPU time while the load is measured: the server's work (and PGlite's,
    // which runs in the server's thread), without the load generator's.
    let cpuAtStart = process.cpuUsage();
    child.on('message', (message: 'measuring' | LoadResult) => {
      if (message === 'measuring') {
        cpuAtStart = process.cpuUsage();
        return;
      }
      const cpu = process.cpuUsage(cpuAtStart);
      resolve({ ...message, serverCpuMs: (cpu.user + cpu.system) / 1000 });
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`load worker exited with ${code}`));
    });
    child.send(plan);
  });
}
