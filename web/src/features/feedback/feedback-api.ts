import type { FeedbackForm, FeedbackResults, FeedbackSubmission, MyFeedback } from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';
import { bearer } from '../room/room-api.ts';

/**
 * Whose feedback: a registrant's by their personal link's secret, or someone in the room by
 * their room ticket (join-link and signed-in entrants alike).
 */
export type FeedbackSource = { secret: string } | { sessionRef: string; ticket: () => string };

export const feedbackKeys = {
  form: (ref: string) => ['sessions', ref, 'feedback', 'form'] as const,
  results: (ref: string) => ['sessions', ref, 'report', 'feedback'] as const,
  mine: (source: FeedbackSource) =>
    'secret' in source
      ? (['registrations', source.secret, 'feedback'] as const)
      : (['sessions', source.sessionRef, 'room', 'feedback'] as const),
};

/** The form as one person sees it, with what they answered before. */
export const myFeedbackQuery = (api: ApiClient, source: FeedbackSource) =>
  queryOptions({
    queryKey: feedbackKeys.mine(source),
    queryFn: async (): Promise<MyFeedback> =>
      'secret' in source
        ? expectSuccess(await api.registrations[':secret'].feedback.$get({ param: { secret: source.secret } }))
        : expectSuccess(
            await api.sessions[':ref'].room.feedback.$get(
              { param: { ref: source.sessionRef } },
              bearer(source.ticket()),
            ),
          ),
    // What someone is typing must not be replaced under them.
    refetchOnWindowFocus: false,
  });

/** Sends (or replaces) one person's feedback. */
export function useSendFeedback(source: () => FeedbackSource) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: FeedbackSubmission): Promise<MyFeedback> => {
      const from = source();
      return 'secret' in from
        ? expectSuccess(await api.registrations[':secret'].feedback.$put({ param: { secret: from.secret }, json }))
        : expectSuccess(
            await api.sessions[':ref'].room.feedback.$put(
              { param: { ref: from.sessionRef }, json },
              bearer(from.ticket()),
            ),
          );
    },
    onSuccess: (mine) => queryClient.setQueryData(feedbackKeys.mine(source()), mine),
  }));
}

/** The session's form, for its organizers. */
export const feedbackFormQuery = (api: ApiClient, ref: string) =>
  queryOptions({
    queryKey: feedbackKeys.form(ref),
    queryFn: async (): Promise<FeedbackForm> =>
      expectSuccess(await api.sessions[':ref'].feedback.form.$get({ param: { ref } })),
  });

export function useSaveFeedbackForm(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: FeedbackForm): Promise<FeedbackForm> =>
      expectSuccess(await api.sessions[':ref'].feedback.form.$put({ param: { ref: ref() }, json })),
    onSuccess: (form) => {
      queryClient.setQueryData(feedbackKeys.form(ref()), form);
      // The results list the form's questions.
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.results(ref()) });
    },
  }));
}

/** While a session is on, answers keep coming: look again now and then. */
const RESULTS_POLL_MS = 30_000;

/** What the answers add up to, for the organizers. */
export const feedbackResultsQuery = (api: ApiClient, ref: string) =>
  queryOptions({
    queryKey: feedbackKeys.results(ref),
    queryFn: async (): Promise<FeedbackResults> =>
      expectSuccess(await api.sessions[':ref'].report.feedback.$get({ param: { ref } })),
    refetchInterval: RESULTS_POLL_MS,
  });
