import type { ChatMessage } from '@serambi/shared';
import { createSignal, onCleanup, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useRoom } from '../room/room-context.ts';
import { MegaphoneIcon } from './chat-icons.tsx';
import { LinkedText } from './LinkedText.tsx';

/** How long an announcement stays over the stage (it stays in the chat). */
const SHOWN_MS = 20_000;

/**
 * A moderator's announcement at the top of the stage for a while, so people watching rather
 * than reading the chat see it too; one that went out shortly before this person arrived shows
 * for the time it has left.
 */
export function AnnouncementBanner() {
  const { t } = useI18n();
  const room = useRoom();
  const [shown, setShown] = createSignal<ChatMessage>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const show = (message: ChatMessage, forMs: number) => {
    clearTimeout(timer);
    setShown(message);
    timer = setTimeout(() => setShown(undefined), forMs);
  };

  const latest = room
    .snapshot()
    .chat.messages.filter((message) => message.kind === 'announcement')
    .at(-1);
  const left = latest ? Date.parse(latest.at) + SHOWN_MS - Date.now() : 0;
  if (latest && left > 0) show(latest, left);

  const stop = room.state.listen((event) => {
    if (event.type === 'chat.message' && event.data.kind === 'announcement') show(event.data, SHOWN_MS);
    if (event.type === 'chat.deleted' && event.data.id === shown()?.id) setShown(undefined);
  });
  onCleanup(() => {
    stop();
    clearTimeout(timer);
  });

  return (
    <Show when={shown()}>
      {(message) => (
        <div
          class="stage-announcement"
          role="status"
          data-testid="stage-announcement"
          aria-label={t('chat.banner.label', { name: message().author.name })}
        >
          <MegaphoneIcon size={20} />
          <p class="stage-announcement__text">
            <strong>{message().author.name}: </strong>
            <LinkedText text={message().text} />
          </p>
          <button
            type="button"
            class="stage__icon-button stage-announcement__close"
            aria-label={t('chat.banner.dismiss')}
            title={t('chat.banner.dismiss')}
            onClick={() => setShown(undefined)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </Show>
  );
}
