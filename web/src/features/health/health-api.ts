import type { Health } from '@serambi/shared';
import { queryOptions } from '@tanstack/solid-query';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';

const RECHECK_INTERVAL_MS = 30_000;

export function healthQuery(api: ApiClient) {
  return queryOptions({
    queryKey: ['health'],
    queryFn: async (): Promise<Health> => {
      const response = await api.health.$get();
      // A 503 carries the same body as a 200, naming the part that is down.
      if (response.status === 503) return response.json();
      return expectSuccess(response);
    },
    refetchInterval: RECHECK_INTERVAL_MS,
    // Retrying would hold the panel on "checking" for seconds while the server is away.
    retry: false,
  });
}

/** What the status panel shows for the whole system or one part of it. */
export type SystemState = 'checking' | 'ok' | 'down' | 'unreachable' | 'unknown';
