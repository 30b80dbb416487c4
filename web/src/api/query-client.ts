import { QueryClient } from '@tanstack/solid-query';
import { ApiProblem } from './problem.ts';

/** One cache for the whole app. A 4xx will not change on retry; network and 5xx failures may. */
export function createAppQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 2 && !isClientError(error),
      },
    },
  });
}

function isClientError(error: unknown): boolean {
  return error instanceof ApiProblem && error.status >= 400 && error.status < 500;
}
