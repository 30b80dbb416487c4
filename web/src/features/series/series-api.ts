import type { CreateSeriesRequest, RegisterRequest } from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';
import { sessionKeys } from '../sessions/sessions-api.ts';

export const seriesKeys = { one: (id: string) => ['series', id] as const };

export const seriesQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: seriesKeys.one(id),
    queryFn: async () => expectSuccess(await api.series[':id'].$get({ param: { id } })),
  });

/** Creates a series; the server generates its numbered sessions from the schedule. */
export function useCreateSeries(slug: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: CreateSeriesRequest) =>
      expectSuccess(await api.communities[':slug'].series.$post({ param: { slug: slug() }, json })),
    onSuccess: (series) => {
      queryClient.setQueryData(seriesKeys.one(series.id), series);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.ofCommunity(slug()) });
    },
  }));
}

/** One registration for every open session of a series; one mail with all the personal links. */
export function useRegisterForSeries(id: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: RegisterRequest) =>
      expectSuccess(await api.series[':id'].registrations.$post({ param: { id: id() }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: seriesKeys.one(id()) }),
  }));
}
