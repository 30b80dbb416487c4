import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRoom } from '../room/room-context.ts';
import { ChatForm } from './ChatForm.tsx';
import { ChatMessageItem } from './ChatMessageItem.tsx';
import { ArrowDownIcon } from './chat-icons.tsx';
import './chat.css';

/** Within this many pixels of the end, the reader is "at the bottom" and new messages scroll into view. */
const BOTTOM_SLACK_PX = 48;

/**
 * The room's chat: the conversation, following new messages unless the reader scrolled up to
 * read (then "New messages" takes them down), the chat's state (closed, slow mode), and the
 * box to write in. `active` says whether the panel is on screen.
 */
export function ChatPanel(props: { active: boolean }) {
  const { t } = useI18n();
  const room = useRoom();
  const headingId = createUniqueId();
  const snapshot = room.snapshot;
  const messages = () => snapshot().chat.messages;
  const me = () => snapshot().me;
  const moderator = () => me().role === 'moderator';
  const participant = () => me().role === 'participant';
  const settings = () => snapshot().settings;
  const [atBottom, setAtBottom] = createSignal(true);
  const [unseenBelow, setUnseenBelow] = createSignal(false);
  let scroller: HTMLDivElement | undefined;

  const scrollToEnd = () => {
    requestAnimationFrame(() => {
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
      setUnseenBelow(false);
      setAtBottom(true);
    });
  };

  createEffect(
    on(
      () => messages().at(-1)?.id,
      (lastId, previousId) => {
        if (!lastId || lastId === previousId) return;
        const mine = messages().at(-1)?.author.identity === me().identity;
        if (atBottom() || mine) scrollToEnd();
        else setUnseenBelow(true);
      },
    ),
  );
  createEffect(
    on(
      () => props.active,
      (active) => {
        if (active && atBottom()) scrollToEnd();
      },
    ),
  );

  return (
    <section class="chat" aria-labelledby={headingId}>
      <h2 id={headingId} class="visually-hidden">
        {t('chat.heading')}
      </h2>
      <Show when={settings().chatClosed || settings().chatSlowModeSeconds > 0}>
        <p class="chat__state" role="status" data-testid="chat-state">
          {settings().chatClosed
            ? participant()
              ? t('chat.closed')
              : t('chat.closedModerator')
            : t('chat.slowMode', { seconds: settings().chatSlowModeSeconds })}
        </p>
      </Show>
      <div
        ref={scroller}
        class="chat__scroller"
        onScroll={(event) => {
          const element = event.currentTarget;
          const bottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
          setAtBottom(bottom);
          if (bottom) setUnseenBelow(false);
        }}
      >
        <Show when={messages().length === 0}>
          <p class="chat__empty">{t('chat.empty')}</p>
        </Show>
        <ol class="chat__messages" role="log" aria-label={t('chat.listLabel')} data-testid="chat-messages">
          <For each={messages()}>
            {(message) => (
              <ChatMessageItem
                message={message}
                mine={message.author.identity === me().identity}
                moderator={moderator()}
              />
            )}
          </For>
        </ol>
      </div>
      <Show when={unseenBelow()}>
        <button type="button" class="chat__jump" data-testid="chat-jump" onClick={scrollToEnd}>
          <ArrowDownIcon size={16} />
          {t('chat.newMessages')}
        </button>
      </Show>
      <Show when={!(settings().chatClosed && participant()) && snapshot().session.status !== 'ended'}>
        <ChatForm moderator={moderator()} slowModeSeconds={settings().chatSlowModeSeconds} exempt={!participant()} />
      </Show>
    </section>
  );
}
