import type {
  AuditEntry,
  LiveStream,
  MutableSource,
  ParticipantPage,
  RoomRecording,
  RoomSettings,
  UpdateRoomSettingsRequest,
} from '@serambi/shared';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { createContext, useContext } from 'solid-js';
import { useApi } from '../../../api/ApiProvider.tsx';
import type { ApiClient } from '../../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../../api/problem.ts';
import { bearer } from '../room-api.ts';

/** What a moderator can do to one person with a plain POST (mute takes a source as well). */
export const PARTICIPANT_ACTIONS = [
  'invite',
  'remove-from-stage',
  'lower-hand',
  'remove',
  'ban',
  'unban',
  'admit',
  'deny',
] as const;
export type ParticipantAction = (typeof PARTICIPANT_ACTIONS)[number];

export type ModeratorRequest =
  | { identity: string; action: ParticipantAction }
  | { identity: string; action: 'mute'; source: MutableSource }
  | { identity: string; action: 'revoke-whip-key' };

/** The first page of the participant list the console shows; a search finds the rest. */
export const PARTICIPANT_PAGE_SIZE = 50;

/**
 * The moderator routes of one session's room, each call carrying the room ticket. Read the
 * ticket at call time: the room page renews it.
 */
export function createConsoleApi(api: ApiClient, sessionRef: () => string, ticket: () => string) {
  const param = () => ({ ref: sessionRef() });
  const headers = () => bearer(ticket());
  const room = () => api.sessions[':ref'].room;
  const participant = () => room().participants[':identity'];
  return {
    goLive: async () => expectNoContent(await room().live.$post({ param: param() }, headers())),
    end: async () => expectNoContent(await room().end.$post({ param: param() }, headers())),
    updateSettings: async (json: UpdateRoomSettingsRequest): Promise<RoomSettings> =>
      expectSuccess(await room().settings.$patch({ param: param(), json }, headers())),
    participants: async (q: string): Promise<ParticipantPage> =>
      expectSuccess(
        await room().participants.$get(
          { param: param(), query: { ...(q ? { q } : {}), limit: String(PARTICIPANT_PAGE_SIZE) } },
          headers(),
        ),
      ),
    audit: async (): Promise<AuditEntry[]> => expectSuccess(await room().audit.$get({ param: param() }, headers())),
    /** Starting twice answers the recording already running. */
    startRecording: async (): Promise<RoomRecording> =>
      expectSuccess(await room().recording.start.$post({ param: param() }, headers())),
    stopRecording: async () => expectNoContent(await room().recording.stop.$post({ param: param() }, headers())),
    /** Starting twice answers the stream already running. */
    startStream: async (): Promise<LiveStream> =>
      expectSuccess(await room().stream.start.$post({ param: param() }, headers())),
    stopStream: async (): Promise<LiveStream> =>
      expectSuccess(await room().stream.stop.$post({ param: param() }, headers())),
    act: async (request: ModeratorRequest) => {
      const target = { param: { ...param(), identity: request.identity } };
      if (request.action === 'revoke-whip-key') {
        return expectNoContent(await participant()['whip-key'].$delete(target, headers()));
      }
      if (request.action === 'mute') {
        return expectNoContent(
          await participant().mute.$post({ ...target, json: { source: request.source } }, headers()),
        );
      }
      return expectNoContent(
        await participant()[':action'].$post({ param: { ...target.param, action: request.action } }, headers()),
      );
    },
  };
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;

export interface ConsoleContextValue {
  sessionRef: () => string;
  api: ConsoleApi;
}

const ConsoleContext = createContext<ConsoleContextValue>();
export const ConsoleProvider = ConsoleContext.Provider;

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole must be called inside <ModeratorConsole>');
  return value;
}

/** Builds the context value once per console. */
export function createConsoleContext(sessionRef: () => string, ticket: () => string): ConsoleContextValue {
  return { sessionRef, api: createConsoleApi(useApi(), sessionRef, ticket) };
}

export const consoleKeys = {
  all: (ref: string) => ['sessions', ref, 'room', 'console'] as const,
  participants: (ref: string, q: string) => ['sessions', ref, 'room', 'console', 'participants', q] as const,
  audit: (ref: string) => ['sessions', ref, 'room', 'console', 'audit'] as const,
};

/** The first page of participants matching `q` (connected first), searched on the server. */
export const participantsQuery = (context: ConsoleContextValue, q: string) =>
  queryOptions({
    queryKey: consoleKeys.participants(context.sessionRef(), q),
    queryFn: () => context.api.participants(q),
    placeholderData: keepPreviousData,
  });

/** Newest first, whatever order the server answers in. */
export const auditQuery = (context: ConsoleContextValue, enabled: boolean) =>
  queryOptions({
    queryKey: consoleKeys.audit(context.sessionRef()),
    queryFn: async () => newestFirst(await context.api.audit()),
    enabled,
  });

export function newestFirst(entries: readonly AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/**
 * One moderator action on one person. Use one per control group, so its error shows next to
 * the buttons that caused it; the live state follows from realtime events, the lists refetch.
 */
export function useModeratorAction() {
  const context = useConsole();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (request: ModeratorRequest) => context.api.act(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKeys.all(context.sessionRef()) }),
  }));
}

export function useGoLive() {
  const context = useConsole();
  return useMutation(() => ({ mutationFn: () => context.api.goLive() }));
}

export function useEndSession() {
  const context = useConsole();
  return useMutation(() => ({ mutationFn: () => context.api.end() }));
}

export function useStartRecording() {
  const context = useConsole();
  return useMutation(() => ({ mutationFn: () => context.api.startRecording() }));
}

export function useStopRecording() {
  const context = useConsole();
  return useMutation(() => ({ mutationFn: () => context.api.stopRecording() }));
}

export function useStartStream() {
  const context = useConsole();
  return useMutation(() => ({ mutationFn: () => context.api.startStream() }));
}

export function useStopStream() {
  const context = useConsole();
  return useMutation(() => ({ mutationFn: () => context.api.stopStream() }));
}

export function useUpdateRoomSettings() {
  const context = useConsole();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (request: UpdateRoomSettingsRequest) => context.api.updateSettings(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKeys.audit(context.sessionRef()) }),
  }));
}
