import type {
  AddSessionPersonRequest,
  CreateSessionRequest,
  UpdateSessionPersonRequest,
  UpdateSessionRequest,
} from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';

export const sessionKeys = {
  one: (ref: string) => ['sessions', ref] as const,
  ofCommunity: (slug: string) => ['communities', slug, 'sessions'] as const,
  invitation: (secret: string) => ['session-invitations', secret] as const,
};

/** What a speaker's or moderator's link invites to, readable before signing in. */
export const sessionInvitationQuery = (api: ApiClient, secret: string) =>
  queryOptions({
    queryKey: sessionKeys.invitation(secret),
    queryFn: async () => expectSuccess(await api['session-invitations'][':secret'].$get({ param: { secret } })),
    retry: false,
  });

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

/** Changes how a person is presented on one session. */
export function useUpdateSessionPerson(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (input: { personId: string; changes: UpdateSessionPersonRequest }) =>
      expectSuccess(
        await api.sessions[':ref'].people[':personId'].$patch({
          param: { ref: ref(), personId: input.personId },
          json: input.changes,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.one(ref()) }),
  }));
}

/** Removes a person from this session only. */
export function useRemoveSessionPerson(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (personId: string) =>
      expectNoContent(await api.sessions[':ref'].people[':personId'].$delete({ param: { ref: ref(), personId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.one(ref()) }),
  }));
}

export function useAcceptSessionInvitation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (secret: string) =>
      expectSuccess(await api['session-invitations'][':secret'].accept.$post({ param: { secret } })),
    onSuccess: (_session, secret) => queryClient.invalidateQueries({ queryKey: sessionKeys.invitation(secret) }),
  }));
}
