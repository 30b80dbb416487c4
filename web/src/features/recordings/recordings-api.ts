import type {
  PutStreamDestinationRequest,
  Recording,
  Replay,
  SessionRecordings,
  StreamDestinationAnswer,
  UpdateRecordingSettingsRequest,
} from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';
import { isRecordingBusy } from './recording-status.ts';

type ReplayKey = readonly ['sessions' | 'registrations', string, 'replay'];

export const recordingKeys = {
  ofSession: (ref: string) => ['sessions', ref, 'recordings'] as const,
  replay: (ref: string): ReplayKey => ['sessions', ref, 'replay'],
  replayBySecret: (secret: string): ReplayKey => ['registrations', secret, 'replay'],
  retention: (slug: string) => ['communities', slug, 'recording-retention'] as const,
};

/** While a recording runs or is being finished, its status and progress move: look again this often. */
const BUSY_POLL_MS = 2_000;
/** A replay being prepared appears by itself. */
const PROCESSING_POLL_MS = 5_000;

/** A session's recordings and their settings, for its organizers; polled while one is busy. */
export const sessionRecordingsQuery = (api: ApiClient, ref: string) =>
  queryOptions({
    queryKey: recordingKeys.ofSession(ref),
    queryFn: async (): Promise<SessionRecordings> =>
      expectSuccess(await api.sessions[':ref'].recordings.$get({ param: { ref } })),
    refetchInterval: (query) =>
      query.state.data?.recordings.some((recording) => isRecordingBusy(recording.status)) ? BUSY_POLL_MS : false,
  });

/**
 * The addresses in a replay are signed and short-lived, and a new one would restart a playing
 * video: the replay is fetched again only while it is being prepared, or when the player asks.
 */
const replayOptions = {
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  refetchInterval: (query: { state: { data?: Replay } }) =>
    query.state.data?.state === 'processing' ? PROCESSING_POLL_MS : false,
} as const;

/** Whose replay: a session's page (`ref`), or a registrant's personal page (`secret`). */
export type ReplaySource = { ref: string } | { secret: string };

/**
 * The replay on a session's page (public, for signed-in registrants, or for organizers), or on
 * a registrant's personal page, let in by the link's secret.
 */
export const replayQuery = (api: ApiClient, source: ReplaySource) =>
  queryOptions({
    queryKey: 'secret' in source ? recordingKeys.replayBySecret(source.secret) : recordingKeys.replay(source.ref),
    queryFn: async (): Promise<Replay> =>
      'secret' in source
        ? expectSuccess(await api.registrations[':secret'].replay.$get({ param: { secret: source.secret } }))
        : expectSuccess(await api.sessions[':ref'].replay.$get({ param: { ref: source.ref } })),
    ...replayOptions,
  });

/** How long the community keeps recordings (null: until deleted), for its organizers. */
export const recordingRetentionQuery = (api: ApiClient, slug: string) =>
  queryOptions({
    queryKey: recordingKeys.retention(slug),
    queryFn: async (): Promise<{ retentionDays: number | null }> =>
      expectSuccess(await api.communities[':slug']['recording-retention'].$get({ param: { slug } })),
  });

/** Start and stop from the session's page, as the room's moderators do; the list follows. */
export function useStartSessionRecording(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async () => expectSuccess(await api.sessions[':ref'].recordings.start.$post({ param: { ref: ref() } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordingKeys.ofSession(ref()) }),
  }));
}

export function useStopSessionRecording(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async () =>
      expectNoContent(await api.sessions[':ref'].recordings.stop.$post({ param: { ref: ref() } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordingKeys.ofSession(ref()) }),
  }));
}

export function useUpdateRecordingSettings(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: UpdateRecordingSettingsRequest) =>
      expectSuccess(await api.sessions[':ref'].recordings.settings.$patch({ param: { ref: ref() }, json })),
    onSuccess: (settings) => {
      queryClient.setQueryData(recordingKeys.ofSession(ref()), (held: SessionRecordings | undefined) =>
        held ? { ...held, settings } : held,
      );
      void queryClient.invalidateQueries({ queryKey: recordingKeys.replay(ref()) });
    },
  }));
}

/** Deletes a recording and its files. */
export function useDeleteRecording(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (recording: Pick<Recording, 'id'>) =>
      expectNoContent(
        await api.sessions[':ref'].recordings[':id'].$delete({ param: { ref: ref(), id: recording.id } }),
      ),
    onSuccess: (_nothing, recording) => {
      queryClient.setQueryData(recordingKeys.ofSession(ref()), (held: SessionRecordings | undefined) =>
        held ? { ...held, recordings: held.recordings.filter((other) => other.id !== recording.id) } : held,
      );
      void queryClient.invalidateQueries({ queryKey: recordingKeys.replay(ref()) });
    },
  }));
}

export function useUpdateRetention(slug: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (retentionDays: number | null): Promise<{ retentionDays: number | null }> =>
      expectSuccess(
        await api.communities[':slug']['recording-retention'].$patch({
          param: { slug: slug() },
          json: { retentionDays },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(recordingKeys.retention(slug()), saved);
      // Every session's panel says how long its recordings are kept.
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'sessions' && query.queryKey[2] === 'recordings',
      });
    },
  }));
}

/** Where the session streams to, for its organizers (the key's ending only). */
export const streamDestinationQuery = (api: ApiClient, ref: string) =>
  queryOptions({
    queryKey: ['sessions', ref, 'stream-destination'] as const,
    queryFn: async (): Promise<StreamDestinationAnswer> =>
      expectSuccess(await api.sessions[':ref']['stream-destination'].$get({ param: { ref } })),
  });

export function useSaveStreamDestination(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: PutStreamDestinationRequest): Promise<StreamDestinationAnswer> =>
      expectSuccess(await api.sessions[':ref']['stream-destination'].$put({ param: { ref: ref() }, json })),
    onSuccess: (saved) => queryClient.setQueryData(streamDestinationQuery(api, ref()).queryKey, saved),
  }));
}

export function useRemoveStreamDestination(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async () =>
      expectNoContent(await api.sessions[':ref']['stream-destination'].$delete({ param: { ref: ref() } })),
    onSuccess: () => queryClient.setQueryData(streamDestinationQuery(api, ref()).queryKey, { destination: null }),
  }));
}
