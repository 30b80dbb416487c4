import { queryOptions } from '@tanstack/solid-query';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';

/** After the session, for its organizers: questions, poll results, reactions and how much was chatted. */
export const interactionReportQuery = (api: ApiClient, ref: string) =>
  queryOptions({
    queryKey: ['sessions', ref, 'report', 'interaction'] as const,
    queryFn: async () => expectSuccess(await api.sessions[':ref'].report.interaction.$get({ param: { ref } })),
  });

/** The CSV exports are downloads the browser fetches itself, with the session cookie. */
export const questionsCsvUrl = (ref: string) => `/api/sessions/${encodeURIComponent(ref)}/report/questions.csv`;
export const pollsCsvUrl = (ref: string) => `/api/sessions/${encodeURIComponent(ref)}/report/polls.csv`;
