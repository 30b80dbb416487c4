import type { Material, PinnedMaterial, SessionMaterials } from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';
import { bearer } from '../room/room-api.ts';

/**
 * Whose materials: a session's page or its manage page (`ref`, by the cookie), a registrant's
 * personal page (`secret`), or the room (`ref` with the room `ticket`).
 */
export type MaterialsSource = { ref: string } | { secret: string } | { ref: string; ticket: () => string | undefined };

const inRoom = (source: MaterialsSource): source is { ref: string; ticket: () => string | undefined } =>
  'ticket' in source;

export const materialKeys = {
  of: (source: MaterialsSource) =>
    'secret' in source
      ? (['registrations', source.secret, 'materials'] as const)
      : (['sessions', source.ref, inRoom(source) ? 'room-materials' : 'materials'] as const),
  /** Every list of the session's materials (its page's and the room's). */
  ofSession: (ref: string) => ['sessions', ref] as const,
};

/** Whether a list is worth a section: files, someone who may add them, or a state to explain (e.g. the quota). */
export const hasMaterialsToShow = (found: SessionMaterials) =>
  found.materials.length > 0 || found.canManage || found.state !== 'available';

/** The download addresses are signed for 15 minutes: a list older than this is read again before it is used. */
const FRESH_MS = 5 * 60_000;

export const materialsQuery = (api: ApiClient, source: MaterialsSource) =>
  queryOptions({
    queryKey: materialKeys.of(source),
    queryFn: async (): Promise<SessionMaterials> => {
      if ('secret' in source) {
        return expectSuccess(await api.registrations[':secret'].materials.$get({ param: { secret: source.secret } }));
      }
      if (inRoom(source)) {
        return expectSuccess(
          await api.sessions[':ref'].room.materials.$get({ param: { ref: source.ref } }, bearer(source.ticket() ?? '')),
        );
      }
      return expectSuccess(await api.sessions[':ref'].materials.$get({ param: { ref: source.ref } }));
    },
    staleTime: FRESH_MS,
    refetchInterval: FRESH_MS,
  });

const refreshLists = (queryClient: ReturnType<typeof useQueryClient>, ref: string) =>
  queryClient.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === 'sessions' &&
      query.queryKey[1] === ref &&
      (query.queryKey[2] === 'materials' || query.queryKey[2] === 'room-materials'),
  });

/** Attaches a file (the body is the file itself, streamed by the browser); the lists follow. */
export function useUploadMaterial(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (file: File): Promise<Material> =>
      expectSuccess(
        await api.sessions[':ref'].materials.$post(
          { param: { ref: ref() }, query: { name: file.name } },
          { init: { body: file } },
        ),
      ),
    onSuccess: () => refreshLists(queryClient, ref()),
  }));
}

export function useDeleteMaterial(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (material: Pick<Material, 'id'>) =>
      expectNoContent(await api.sessions[':ref'].materials[':id'].$delete({ param: { ref: ref(), id: material.id } })),
    onSuccess: () => refreshLists(queryClient, ref()),
  }));
}

/** A moderator pins a file for everyone in the room, or unpins it (null); the room's event updates every list. */
export function usePinMaterial(ref: () => string, ticket: () => string | undefined) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (materialId: string | null): Promise<{ pinned: PinnedMaterial | null }> =>
      expectSuccess(
        await api.sessions[':ref'].room.materials.pin.$put(
          { param: { ref: ref() }, json: { materialId } },
          bearer(ticket() ?? ''),
        ),
      ),
    onSuccess: () => refreshLists(queryClient, ref()),
  }));
}
