import type { InviteRegistrantRequest, RegisterRequest } from '@serambi/shared';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';
import { sessionKeys } from '../sessions/sessions-api.ts';
import { registrationKeys } from './registration-keys.ts';

export function useRegister(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: RegisterRequest) =>
      expectSuccess(await api.sessions[':ref'].registrations.$post({ param: { ref: ref() }, json })),
    // Seats left changed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.one(ref()) }),
  }));
}

/** The registration behind a personal join link. */
export const fetchMyRegistration = async (api: ApiClient, secret: string) =>
  expectSuccess(await api.registrations[':secret'].$get({ param: { secret } }));

export const myRegistrationQuery = (api: ApiClient, secret: string) =>
  queryOptions({ queryKey: registrationKeys.mine(secret), queryFn: () => fetchMyRegistration(api, secret) });

export function useCancelRegistration(secret: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async () =>
      expectSuccess(await api.registrations[':secret'].cancel.$post({ param: { secret: secret() } })),
    onSuccess: (registration) => queryClient.setQueryData(registrationKeys.mine(secret()), registration),
  }));
}

/** Registrants in arrival order, filtered by name or email on the server. */
export const registrantsQuery = (api: ApiClient, ref: string, search: string) =>
  queryOptions({
    queryKey: [...registrationKeys.ofSession(ref), search] as const,
    queryFn: async () =>
      expectSuccess(
        await api.sessions[':ref'].registrants.$get({ param: { ref }, query: search ? { q: search } : {} }),
      ),
    placeholderData: keepPreviousData,
  });

/** The CSV export is a download the browser fetches itself, with the session cookie. */
export function registrantsCsvUrl(ref: string): string {
  return `/api/sessions/${encodeURIComponent(ref)}/registrants.csv`;
}

/** An organizer registers someone by name and email (how a private session fills). */
export function useInviteRegistrant(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: InviteRegistrantRequest) =>
      expectSuccess(await api.sessions[':ref'].invitations.$post({ param: { ref: ref() }, json })),
    // The list and the session's counts both changed.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: registrationKeys.ofSession(ref()) }),
        queryClient.invalidateQueries({ queryKey: sessionKeys.one(ref()) }),
      ]),
  }));
}
