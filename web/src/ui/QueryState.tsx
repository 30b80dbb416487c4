import { A } from '@solidjs/router';
import type { UseQueryResult } from '@tanstack/solid-query';
import { type Accessor, type JSX, Match, Switch } from 'solid-js';
import { ApiProblem } from '../api/problem.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * A page's data in its three states: loading (a quiet line, announced), failed (404 as "not
 * found"; another 4xx but 408 and 429, which no retry changes, in the server's own words, e.g. a
 * personal link cut short by a chat app: "This link is not complete…"; anything else with a
 * retry) and there.
 */
export function QueryState<T>(props: {
  query: UseQueryResult<T, Error>;
  notFound?: string;
  children: (data: Accessor<T>) => JSX.Element;
}) {
  const { t } = useI18n();
  const isNotFound = () => props.query.error instanceof ApiProblem && props.query.error.status === 404;
  /** What the server said of a 4xx other than 404, its most specific words first. */
  const refusal = () => {
    const error = props.query.error;
    // 408 and 429 pass with time: those keep the retry.
    if (!(error instanceof ApiProblem) || error.status < 400 || error.status >= 500) return undefined;
    if (error.status === 408 || error.status === 429) return undefined;
    return error.problem?.errors?.[0]?.message ?? error.problem?.detail;
  };
  return (
    <Switch>
      <Match when={props.query.data}>{(data) => props.children(data)}</Match>
      <Match when={isNotFound()}>
        <div class="page page--narrow not-found">
          <h1>{props.notFound ?? t('notFound.title')}</h1>
          <p class="page__lead">{t('notFound.body')}</p>
          <A href="/" class="button button--primary">
            {t('notFound.back')}
          </A>
        </div>
      </Match>
      <Match when={refusal()}>
        {(message) => (
          <div class="page page--narrow not-found">
            <p class="notice notice--problem" role="alert">
              {message()}
            </p>
            <A href="/" class="button button--primary">
              {t('notFound.back')}
            </A>
          </div>
        )}
      </Match>
      <Match when={props.query.isError}>
        <div class="notice notice--problem" role="alert">
          <p>{t('forms.loadFailed')}</p>
          <button type="button" class="button button--small" onClick={() => void props.query.refetch()}>
            {t('status.recheck')}
          </button>
        </div>
      </Match>
      <Match when={props.query.isPending}>
        <p class="loading" role="status">
          {t('forms.loading')}
        </p>
      </Match>
    </Switch>
  );
}
