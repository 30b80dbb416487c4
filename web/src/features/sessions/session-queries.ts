import type { AddSessionPersonRequest, CreateSessionRequest, UpdateSessionRequest } from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import { type ApiClient, expectSuccess } from '../../api/client.ts';

export const sessionKeys = {
  one: (ref: string) => ['sessions', ref] as const,
  ofCommunity: (slug: string) => ['communities', slug, 'sessions'] as const,
};

export const sessionQuery = (api: ApiClient, ref: string) =>
  queryOptions({
    queryKey: sessionKeys.one(ref),
    queryFn: async () => expectSuccess(await api.sessions[':ref'].$get({ param: { ref } })),
  });

/** Public sessions for everyone; drafts and private ones too for the community's organizers. */
export const communitySessionsQuery = (api: ApiClient, slug: string) =>
  queryOptions({
    queryKey: sessionKeys.ofCommunity(slug),
    queryFn: async () => expectSuccess(await api.communities[':slug'].sessions.$get({ param: { slug } })),
  });

export function useCreateSession(slug: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: CreateSessionRequest) =>
      expectSuccess(await api.communities[':slug'].sessions.$post({ param: { slug: slug() }, json })),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.one(session.slug), session);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.ofCommunity(slug()) });
    },
  }));
}

/** Any change, a new time or a cancellation; the server mails registrants about the last two. */
export function useUpdateSession(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: UpdateSessionRequest) =>
      expectSuccess(await api.sessions[':ref'].$patch({ param: { ref: ref() }, json })),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.one(ref()), session);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.ofCommunity(session.community.slug) });
    },
  }));
}

/** Adds a speaker or moderator; they get a personal invitation by mail. */
export function useAddSessionPerson(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (input: { ref?: string; person: AddSessionPersonRequest }) =>
      expectSuccess(
        await api.sessions[':ref'].people.$post({ param: { ref: input.ref ?? ref() }, json: input.person }),
      ),
    onSuccess: (_person, input) => queryClient.invalidateQueries({ queryKey: sessionKeys.one(input.ref ?? ref()) }),
  }));
}

export function useAcceptSessionInvitation() {
  const api = useApi();
  return useMutation(() => ({
    mutationFn: async (secret: string) =>
      expectSuccess(await api['session-invitations'][':secret'].accept.$post({ param: { secret } })),
  }));
}
