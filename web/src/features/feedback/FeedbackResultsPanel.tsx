import { type FeedbackResults, intlLocaleOf } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, type JSX, Match, Show, Switch } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { feedbackResultsQuery } from './feedback-api.ts';
import { RATINGS, type Rating, Stars } from './Stars.tsx';
import './feedback.css';

type QuestionResult = FeedbackResults['questions'][number];

/** Short answers shown before "Show all". */
const TEXTS_SHOWN = 5;

/**
 * The organizer's view of a session's feedback: the average with stars, how many gave 5..1
 * stars, the answers to each of the organizer's questions, and the comments, newest first.
 */
export function FeedbackResultsPanel(props: { sessionRef: string; timeZone?: string }) {
  const { t } = useI18n();
  const api = useApi();
  const results = useQuery(() => feedbackResultsQuery(api, props.sessionRef));
  const headingId = createUniqueId();
  return (
    <section class="card form-section feedback-results" aria-labelledby={headingId} data-testid="feedback-results">
      <h2 id={headingId} class="form-section__heading">
        {t('feedback.results.heading')}
      </h2>
      <QueryState query={results}>
        {(found) => (
          <Show when={found().responses > 0} fallback={<p class="empty-state">{t('feedback.results.none')}</p>}>
            <RatingSummary results={found()} />
            <Show when={found().questions.length > 0}>
              <section aria-labelledby={`${headingId}-questions`}>
                <h3 id={`${headingId}-questions`} class="feedback-results__subheading">
                  {t('feedback.results.questions')}
                </h3>
                <ul class="feedback-results__questions">
                  <For each={found().questions}>
                    {(question) => <QuestionResultView question={question} responses={found().responses} />}
                  </For>
                </ul>
              </section>
            </Show>
            <section aria-labelledby={`${headingId}-comments`}>
              <h3 id={`${headingId}-comments`} class="feedback-results__subheading">
                {t('feedback.results.comments')}
              </h3>
              <Comments comments={found().comments} timeZone={props.timeZone} />
            </section>
          </Show>
        )}
      </QueryState>
    </section>
  );
}

function RatingSummary(props: { results: FeedbackResults }) {
  const { t, locale } = useI18n();
  const average = () => props.results.averageRating ?? 0;
  const formatted = () => new Intl.NumberFormat(intlLocaleOf(locale()), { maximumFractionDigits: 1 }).format(average());
  const headingId = createUniqueId();
  return (
    <div class="feedback-results__summary">
      <div class="feedback-results__average" data-testid="feedback-average">
        <p class="feedback-results__subheading">{t('feedback.results.average')}</p>
        <p class="feedback-results__average-value">
          {formatted()} <small>/ 5</small>
        </p>
        <Stars value={average()} size={24} />
        <p class="feedback-results__count">
          {t('feedback.results.responses')}: <strong>{props.results.responses}</strong>
        </p>
      </div>
      <div>
        <h3 id={headingId} class="feedback-results__subheading">
          {t('feedback.results.distribution')}
        </h3>
        <ul class="bar-chart" aria-labelledby={headingId} data-testid="feedback-distribution">
          <For each={[...RATINGS].reverse()}>
            {(stars) => {
              const count = () => props.results.ratingCounts[stars - 1] ?? 0;
              return (
                <Bar
                  label={<StarsLabel stars={stars} />}
                  count={count()}
                  total={props.results.responses}
                  spoken={(percent) => t('feedback.results.barLabel', { n: stars, count: count(), percent })}
                  rating
                />
              );
            }}
          </For>
        </ul>
      </div>
    </div>
  );
}

function StarsLabel(props: { stars: Rating }) {
  return (
    <span class="bar-chart__stars">
      {props.stars} <span aria-hidden="true">★</span>
    </span>
  );
}

/** One row of a bar chart: read aloud as one sentence, drawn as label, bar and number. */
function Bar(props: {
  label: JSX.Element;
  count: number;
  total: number;
  spoken: (percent: number) => string;
  rating?: boolean;
  wideLabel?: boolean;
}) {
  const percent = () => (props.total === 0 ? 0 : Math.round((props.count / props.total) * 100));
  return (
    <li class="bar-chart__row" classList={{ 'bar-chart__row--wide-label': props.wideLabel }}>
      <span class="visually-hidden">{props.spoken(percent())}</span>
      <span class="bar-chart__label" aria-hidden="true">
        {props.label}
      </span>
      <span class="bar-chart__track" aria-hidden="true">
        <span
          class="bar-chart__bar"
          classList={{ 'bar-chart__bar--rating': props.rating }}
          style={{ width: `${percent()}%`, display: 'block' }}
        />
      </span>
      <span class="bar-chart__value" aria-hidden="true">
        {props.count}
      </span>
    </li>
  );
}

function QuestionResultView(props: { question: QuestionResult; responses: number }) {
  const { t } = useI18n();
  const answered = () => Object.values(props.question.counts).reduce((sum, n) => sum + n, 0);
  const rows = (): Array<[string, number]> =>
    props.question.kind === 'checkbox'
      ? [
          [t('feedback.results.yes'), props.question.counts.yes ?? 0],
          [t('feedback.results.no'), props.question.counts.no ?? 0],
        ]
      : Object.entries(props.question.counts);
  return (
    <li class="feedback-results__question" data-testid={`feedback-question-${props.question.id}`}>
      <p class="feedback-results__question-label">{props.question.label}</p>
      <Switch>
        <Match when={props.question.kind === 'short-text'}>
          <Texts texts={props.question.texts} />
        </Match>
        <Match when={true}>
          <ul class="bar-chart">
            <For each={rows()}>
              {([label, count]) => (
                <Bar
                  label={label}
                  count={count}
                  total={answered()}
                  wideLabel
                  spoken={(percent) => `${label}: ${t('feedback.results.answerCount', { count, percent })}`}
                />
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </li>
  );
}

function Texts(props: { texts: string[] }) {
  const { t } = useI18n();
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.texts : props.texts.slice(0, TEXTS_SHOWN));
  return (
    <Show
      when={props.texts.length > 0}
      fallback={<p class="feedback-results__lead">{t('feedback.results.noTexts')}</p>}
    >
      <ul class="feedback-results__texts">
        <For each={shown()}>{(text) => <li>{text}</li>}</For>
      </ul>
      <Show when={props.texts.length > TEXTS_SHOWN}>
        <div>
          <button type="button" class="button button--small button--quiet" onClick={() => setAll(!all())}>
            {all() ? t('feedback.results.showFewer') : t('feedback.results.showAll', { count: props.texts.length })}
          </button>
        </div>
      </Show>
    </Show>
  );
}

function Comments(props: { comments: FeedbackResults['comments']; timeZone: string | undefined }) {
  const { t, locale } = useI18n();
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.comments : props.comments.slice(0, TEXTS_SHOWN * 2));
  const when = (instant: string) =>
    new Intl.DateTimeFormat(intlLocaleOf(locale()), {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(props.timeZone ? { timeZone: props.timeZone } : {}),
    }).format(new Date(instant));
  return (
    <Show
      when={props.comments.length > 0}
      fallback={<p class="feedback-results__lead">{t('feedback.results.noComments')}</p>}
    >
      <ul class="feedback-results__comments" data-testid="feedback-comments">
        <For each={shown()}>
          {(comment) => (
            <li class="feedback-results__comment">
              <p class="feedback-results__comment-meta">
                <span class="feedback-results__comment-name">{comment.name}</span>
                <Stars value={comment.rating} size={16} />
                <time datetime={comment.at}>{when(comment.at)}</time>
              </p>
              <p>{comment.comment}</p>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.comments.length > TEXTS_SHOWN * 2}>
        <div>
          <button type="button" class="button button--small button--quiet" onClick={() => setAll(!all())}>
            {all() ? t('feedback.results.showFewer') : t('feedback.results.showAll', { count: props.comments.length })}
          </button>
        </div>
      </Show>
    </Show>
  );
}
