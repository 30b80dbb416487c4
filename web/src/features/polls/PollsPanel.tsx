import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRoom } from '../room/room-context.ts';
import { PollCard } from './PollCard.tsx';
import { PollEditor } from './PollEditor.tsx';
import { pollsInOrder } from './poll-state.ts';
import { usePollCalls } from './polls-api.ts';
import './polls.css';

/** The session's polls: the running one first; moderators prepare drafts here, before the session too. */
export function PollsPanel() {
  const { t } = useI18n();
  const room = useRoom();
  const calls = usePollCalls();
  const headingId = createUniqueId();
  const [creating, setCreating] = createSignal(false);
  const moderator = () => room.snapshot().me.role === 'moderator';
  const polls = createMemo(() => pollsInOrder(room.snapshot().polls.polls));
  return (
    <section class="polls" aria-labelledby={headingId}>
      <h2 id={headingId} class="visually-hidden">
        {t('polls.heading')}
      </h2>
      <Show when={moderator()}>
        <Show
          when={creating()}
          fallback={
            <button
              type="button"
              class="button button--small polls__create"
              data-testid="poll-create"
              onClick={() => setCreating(true)}
            >
              {t('polls.create')}
            </button>
          }
        >
          <div class="poll-card">
            <PollEditor onSave={calls.create} onDone={() => setCreating(false)} />
          </div>
        </Show>
      </Show>
      <Show when={polls().length === 0 && !creating()}>
        <p class="empty-state">{moderator() ? t('polls.emptyModerator') : t('polls.empty')}</p>
      </Show>
      <ol class="polls__list" aria-label={t('polls.listLabel')}>
        <For each={polls()}>
          {(poll) => <PollCard poll={poll} moderator={moderator()} myVote={room.snapshot().polls.myVotes[poll.id]} />}
        </For>
      </ol>
    </section>
  );
}
