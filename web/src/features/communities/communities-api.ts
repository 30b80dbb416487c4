import type { CommunityRole, CreateCommunityRequest, UpdateCommunityRequest } from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';

export const communityKeys = {
  all: ['communities'] as const,
  one: (slug: string) => ['communities', slug] as const,
  members: (slug: string) => ['communities', slug, 'members'] as const,
  mine: ['communities', 'mine'] as const,
  invitation: (secret: string) => ['organizer-invitations', secret] as const,
};

/** What a co-organizer link invites to, readable before signing in. */
export const organizerInvitationQuery = (api: ApiClient, secret: string) =>
  queryOptions({
    queryKey: communityKeys.invitation(secret),
    queryFn: async () => expectSuccess(await api['organizer-invitations'][':secret'].$get({ param: { secret } })),
    retry: false,
  });

export const communityQuery = (api: ApiClient, slug: string) =>
  queryOptions({
    queryKey: communityKeys.one(slug),
    queryFn: async () => expectSuccess(await api.communities[':slug'].$get({ param: { slug } })),
  });

export const myCommunitiesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: communityKeys.mine,
    queryFn: async () => expectSuccess(await api.me.communities.$get()),
  });

export const membersQuery = (api: ApiClient, slug: string) =>
  queryOptions({
    queryKey: communityKeys.members(slug),
    queryFn: async () => expectSuccess(await api.communities[':slug'].members.$get({ param: { slug } })),
  });

export function useCreateCommunity() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: CreateCommunityRequest) => expectSuccess(await api.communities.$post({ json })),
    onSuccess: (community) => {
      queryClient.setQueryData(communityKeys.one(community.slug), community);
      void queryClient.invalidateQueries({ queryKey: communityKeys.mine });
    },
  }));
}

export function useUpdateCommunity(slug: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: UpdateCommunityRequest) =>
      expectSuccess(await api.communities[':slug'].$patch({ param: { slug: slug() }, json })),
    onSuccess: (community) => {
      queryClient.setQueryData(communityKeys.one(community.slug), community);
      void queryClient.invalidateQueries({ queryKey: communityKeys.mine });
    },
  }));
}

export function useInviteOrganizer(slug: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: { email: string; role: CommunityRole }) =>
      expectSuccess(await api.communities[':slug'].invitations.$post({ param: { slug: slug() }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communityKeys.members(slug()) }),
  }));
}

export function useRevokeInvitation(slug: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (id: string) =>
      expectNoContent(await api.communities[':slug'].invitations[':id'].$delete({ param: { slug: slug(), id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communityKeys.members(slug()) }),
  }));
}

/** Owners only; the server keeps the last owner. */
export function useRemoveMember(slug: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (userId: string) =>
      expectNoContent(await api.communities[':slug'].members[':userId'].$delete({ param: { slug: slug(), userId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communityKeys.members(slug()) }),
  }));
}

export function useAcceptOrganizerInvitation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (secret: string) =>
      expectSuccess(await api['organizer-invitations'][':secret'].accept.$post({ param: { secret } })),
    onSuccess: (_community, secret) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: communityKeys.invitation(secret) }),
        queryClient.invalidateQueries({ queryKey: communityKeys.all }),
      ]),
  }));
}
