import type { Question } from '@serambi/shared';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRoom } from '../room/room-context.ts';
import { AskQuestionForm } from './AskQuestionForm.tsx';
import { MyQuestionsAside } from './MyQuestionsAside.tsx';
import { NowAnswering } from './NowAnswering.tsx';
import { QuestionCard, type QuestionView } from './QuestionCard.tsx';
import { useQaCalls } from './qa-api.ts';
import { QUESTION_ORDERS, type QuestionOrder, qaSections } from './qa-state.ts';
import './qa.css';

/**
 * The Q&A panel. The audience asks, upvotes and sees the list by votes or newest, their own
 * hidden questions with what became of them; moderators review, pin, answer, edit, merge and
 * invite; speakers get a clean list by votes under a large "now answering" card.
 */
export function QaPanel() {
  const { t } = useI18n();
  const room = useRoom();
  const calls = useQaCalls();
  const headingId = createUniqueId();
  const [order, setOrder] = createSignal<QuestionOrder>('votes');
  const snapshot = room.snapshot;
  const role = () => snapshot().me.role;
  const view = (): QuestionView =>
    role() === 'moderator' ? 'moderator' : role() === 'speaker' ? 'speaker' : 'audience';
  const settings = () => snapshot().settings;
  const sections = createMemo(() =>
    qaSections(snapshot().qa, { isModerator: view() === 'moderator' }, view() === 'speaker' ? 'votes' : order()),
  );
  const mine = createMemo(() => new Set(snapshot().qa.mine));
  const voted = createMemo(() => new Set(snapshot().qa.myVotes));
  const card = (question: Question) => (
    <QuestionCard question={question} view={view()} mine={mine().has(question.id)} voted={voted().has(question.id)} />
  );

  return (
    <section class="qa" classList={{ 'qa--speaker': view() === 'speaker' }} aria-labelledby={headingId}>
      <h2 id={headingId} class="visually-hidden">
        {t('qa.heading')}
      </h2>
      <Show when={sections().answering}>
        {(question) => (
          <NowAnswering
            question={question()}
            large={view() === 'speaker'}
            moderator={view() === 'moderator'}
            mine={mine().has(question().id)}
          />
        )}
      </Show>

      <Show when={view() === 'audience'}>
        <Show
          when={snapshot().session.status !== 'ended'}
          fallback={<p class="notice notice--info">{t('qa.ask.closed')}</p>}
        >
          <AskQuestionForm
            anonymousQuestions={settings().anonymousQuestions}
            reviewed={settings().qaMode === 'reviewed'}
            onAsk={calls.ask}
          />
        </Show>
        <MyQuestionsAside questions={sections().mineAside} />
      </Show>

      <Show when={view() === 'moderator' && (settings().qaMode === 'reviewed' || sections().review.length > 0)}>
        <section class="qa__review" aria-label={t('qa.moderate.review', { count: sections().review.length })}>
          <h3 class="qa__section-heading">{t('qa.moderate.review', { count: sections().review.length })}</h3>
          <Show when={settings().qaMode === 'reviewed'}>
            <p class="qa__hint">{t('qa.moderate.reviewHint')}</p>
          </Show>
          <ol class="qa__list" data-testid="review-list">
            <For each={sections().review}>{card}</For>
          </ol>
        </section>
      </Show>

      <Show when={view() === 'speaker'} fallback={<SortChoice order={order()} onChange={setOrder} />}>
        <p class="qa__hint">{t('qa.speakerHint')}</p>
      </Show>

      <ol class="qa__list" data-testid="question-list" aria-label={t('qa.listLabel')}>
        <For each={sections().open}>{card}</For>
      </ol>
      <Show when={sections().open.length === 0 && !sections().answering}>
        <p class="empty-state qa__empty">{view() === 'audience' ? t('qa.empty') : t('qa.emptySpeaker')}</p>
      </Show>

      <Show when={sections().answered.length > 0}>
        <details class="qa__answered" data-testid="answered-questions">
          <summary class="qa__answered-summary">{t('qa.answered', { count: sections().answered.length })}</summary>
          <ol class="qa__list">
            <For each={sections().answered}>{card}</For>
          </ol>
        </details>
      </Show>
    </section>
  );
}

function SortChoice(props: { order: QuestionOrder; onChange: (order: QuestionOrder) => void }) {
  const { t } = useI18n();
  const name = createUniqueId();
  return (
    <fieldset class="qa-sort">
      <legend class="visually-hidden">{t('qa.sort.label')}</legend>
      <For each={QUESTION_ORDERS}>
        {(order) => (
          <label class="qa-sort__option">
            <input
              type="radio"
              name={name}
              value={order}
              data-testid={`sort-${order}`}
              checked={props.order === order}
              onChange={() => props.onChange(order)}
            />
            <span>{t(`qa.sort.${order}`)}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}
