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
