import { intlLocaleOf, type Poll, type QaReportQuestion, REACTION_EMOJI, REACTIONS } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, For, Show } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DownloadIcon } from '../../ui/DownloadIcon.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { optionShares } from '../polls/poll-state.ts';
import { interactionReportQuery, pollsCsvUrl, questionsCsvUrl } from './interaction-report-api.ts';
import './interaction-report.css';

/**
 * What happened in the room, for the organizers once the session is over: every question with
 * its votes, status and answer time, each poll's results, the reactions, and CSV downloads.
 */
export function InteractionReport(props: { sessionRef: string; timeZone: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const report = useQuery(() => interactionReportQuery(api, props.sessionRef));
  const headingId = createUniqueId();
  const time = (instant: string) =>
    new Intl.DateTimeFormat(intlLocaleOf(locale()), {
      timeStyle: 'short',
      timeZone: props.timeZone,
    }).format(new Date(instant));
  const asker = (question: QaReportQuestion) =>
    question.author
      ? question.anonymous
        ? `${question.author.name} (${t('interactionReport.anonymous')})`
        : question.author.name
      : t('interactionReport.anonymous');

  return (
    <section class="interaction-report" aria-labelledby={headingId} data-testid="interaction-report">
      <h2 id={headingId} class="section-heading">
        {t('interactionReport.heading')}
      </h2>
      <p class="interaction-report__lead">{t('interactionReport.lead')}</p>
      <QueryState query={report}>
        {(found) => (
          <>
            <div class="interaction-report__downloads">
              <a class="button button--small" href={questionsCsvUrl(props.sessionRef)} rel="external" download="">
                <DownloadIcon />
                {t('interactionReport.downloadQuestions')}
              </a>
              <a class="button button--small" href={pollsCsvUrl(props.sessionRef)} rel="external" download="">
                <DownloadIcon />
                {t('interactionReport.downloadPolls')}
              </a>
            </div>
            <p class="interaction-report__numbers">
              <span>{t('interactionReport.chatMessages', { count: found().chatMessages })}</span>
              <span class="interaction-report__reactions">
                <span class="visually-hidden">{t('interactionReport.reactions')}:</span>
                <For
                  each={REACTIONS.filter((kind) => (found().reactions[kind] ?? 0) > 0)}
                  fallback={<span>{t('interactionReport.reactionsNone')}</span>}
                >
                  {(kind) => (
                    <span class="interaction-report__reaction">
                      <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
                      <span class="visually-hidden">{t(`interactionReport.reactionKinds.${kind}`)}</span>
                      {found().reactions[kind]}
                    </span>
                  )}
                </For>
              </span>
            </p>

            <h3 class="interaction-report__subheading">
              {t('interactionReport.questions', { count: found().questions.length })}
            </h3>
            <Show
              when={found().questions.length > 0}
              fallback={<p class="empty-state">{t('interactionReport.questionsEmpty')}</p>}
            >
              <div class="interaction-report__scroll">
                <table class="interaction-report__table" data-testid="report-questions">
                  <thead>
                    <tr>
                      <th scope="col">{t('interactionReport.question')}</th>
                      <th scope="col">{t('interactionReport.askedBy')}</th>
                      <th scope="col" class="interaction-report__number">
                        {t('interactionReport.votes')}
                      </th>
                      <th scope="col">{t('interactionReport.status')}</th>
                      <th scope="col">{t('interactionReport.answeredAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={found().questions}>
                      {(question) => (
                        <tr>
                          <td class="interaction-report__text">{question.text}</td>
                          <td class="interaction-report__asker">{asker(question)}</td>
                          <td class="interaction-report__number">{question.votes}</td>
                          <td>
                            <span class={`report-status report-status--${question.status}`}>
                              {t(`interactionReport.statuses.${question.status}`)}
                            </span>
                          </td>
                          <td>{question.answeredAt ? time(question.answeredAt) : '—'}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>

            <h3 class="interaction-report__subheading">
              {t('interactionReport.polls', { count: found().polls.length })}
            </h3>
            <Show
              when={found().polls.length > 0}
              fallback={<p class="empty-state">{t('interactionReport.pollsEmpty')}</p>}
            >
              <ul class="interaction-report__polls" data-testid="report-polls">
                <For each={found().polls}>{(poll) => <PollSummary poll={poll} />}</For>
              </ul>
            </Show>
          </>
        )}
      </QueryState>
    </section>
  );
}

function PollSummary(props: { poll: Poll }) {
  const { t } = useI18n();
  return (
    <li class="interaction-report__poll">
      <h4 class="interaction-report__poll-question">{props.poll.question}</h4>
      <p class="interaction-report__muted">{t('interactionReport.voters', { count: props.poll.voters ?? 0 })}</p>
      <ul class="interaction-report__options">
        <For each={optionShares(props.poll)}>
          {(option) => (
            <li class="interaction-report__option">
              <span class="interaction-report__option-line">
                <span>{option.text}</span>
                <span class="interaction-report__muted">
                  {option.votes === 1
                    ? t('interactionReport.optionVoteOne', { percent: option.percent })
                    : t('interactionReport.optionVotes', { votes: option.votes, percent: option.percent })}
                </span>
              </span>
              <span class="interaction-report__bar" aria-hidden="true">
                <span style={{ width: `${option.percent}%` }} />
              </span>
            </li>
          )}
        </For>
      </ul>
    </li>
  );
}
