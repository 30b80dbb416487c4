import type { Poll } from '@serambi/shared';
import { For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { optionShares } from './poll-state.ts';

/** A bar per option with its votes and share of the voters; the viewer's own choices marked. */
export function PollResults(props: { poll: Poll; chosen: readonly string[] }) {
  const { t } = useI18n();
  return (
    <div class="poll-results" data-testid="poll-results">
      <ul class="poll-results__list" aria-label={t('polls.results')}>
        <For each={optionShares(props.poll)}>
          {(option) => (
            <li
              class="poll-results__option"
              classList={{ 'poll-results__option--chosen': props.chosen.includes(option.id) }}
            >
              <div class="poll-results__line">
                <span class="poll-results__text">{option.text}</span>
                <span class="poll-results__numbers" data-testid="poll-option-votes">
                  {option.votes === 1
                    ? t('polls.optionVoteOne', { percent: option.percent })
                    : t('polls.optionVotes', { votes: option.votes, percent: option.percent })}
                </span>
              </div>
              <div class="poll-results__bar" aria-hidden="true">
                <span class="poll-results__fill" style={{ width: `${option.percent}%` }} />
              </div>
              {props.chosen.includes(option.id) ? (
                <span class="poll-results__mine">{t('polls.yourChoice')}</span>
              ) : null}
            </li>
          )}
        </For>
      </ul>
      <p class="poll-card__note">{t('polls.voters', { count: props.poll.voters ?? 0 })}</p>
    </div>
  );
}
