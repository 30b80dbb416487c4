import { useQuery } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import { useCurrentUser } from '../accounts/accounts-api.ts';
import { myCommunitiesQuery } from './communities-api.ts';

/** Whether the signed-in person organizes the community, so public pages can offer a way to manage it. */
export function useOrganizes(slug: () => string): () => boolean {
  const api = useApi();
  const user = useCurrentUser();
  const mine = useQuery(() => ({ ...myCommunitiesQuery(api), enabled: Boolean(user.data) }));
  return () => Boolean(user.data && mine.data?.some((community) => community.slug === slug()));
}
