import type { ApiRoutes } from '@serambi/server';
import type { Locale } from '@serambi/shared';
import { hc } from 'hono/client';

/** The typed API client; every request carries the reader's language so problems come back in it. */
export function createApiClient(currentLocale: () => Locale) {
  return hc<ApiRoutes>('/api', {
    headers: () => ({ 'Accept-Language': currentLocale() }),
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
