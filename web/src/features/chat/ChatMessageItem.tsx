import type { ChatMessage } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useShortTime } from '../room/short-time.ts';
import { useChatCalls } from './chat-api.ts';
import { MegaphoneIcon } from './chat-icons.tsx';
import { LinkedText } from './LinkedText.tsx';

/** One message: who (and their role when they run the session), when, the text with safe links; moderators' actions. */
export function ChatMessageItem(props: { message: ChatMessage; mine: boolean; moderator: boolean }) {
  const { t } = useI18n();
  const shortTime = useShortTime();
  const calls = useChatCalls();
  const run = useMutation(() => ({ mutationFn: (call: () => Promise<unknown>) => call() }));
  const message = () => props.message;
  const announcement = () => message().kind === 'announcement';
  const act = (call: () => Promise<unknown>) => {
    if (!run.isPending) run.mutate(call);
  };
  return (
    <li
      class="chat-message"
      classList={{ 'chat-message--announcement': announcement(), 'chat-message--mine': props.mine }}
      data-testid="chat-message"
      data-message-id={message().id}
      data-kind={message().kind}
    >
      <p class="chat-message__meta">
        <Show when={announcement()}>
          <span class="chat-message__announcement">
            <MegaphoneIcon size={16} />
            {t('chat.announcementLabel')}
          </span>
        </Show>
        <span class="chat-message__author">{message().author.name}</span>
        <Show when={message().author.role !== 'participant'}>
          <span class="chat-message__role">{t(`chat.roles.${message().author.role}`)}</span>
        </Show>
        <time class="chat-message__time" datetime={message().at}>
          {shortTime(message().at)}
        </time>
      </p>
      <p class="chat-message__text">
        <LinkedText text={message().text} />
      </p>
      <Show when={message().questionId}>
        <p class="chat-message__note">{t('chat.madeQuestion')}</p>
      </Show>
      <Show when={props.moderator}>
        <div class="chat-message__actions">
          <Show when={!message().questionId && !announcement()}>
            <button
              type="button"
              class="chat-message__action"
              data-testid="chat-make-question"
              aria-label={t('chat.makeQuestionLabel', { name: message().author.name })}
              aria-disabled={run.isPending}
              onClick={() => act(() => calls.makeQuestion(message().id))}
            >
              {t('chat.makeQuestion')}
            </button>
          </Show>
          <button
            type="button"
            class="chat-message__action chat-message__action--danger"
            data-testid="chat-delete"
            aria-label={t('chat.deleteLabel', { name: message().author.name })}
            aria-disabled={run.isPending}
            onClick={() => act(() => calls.remove(message().id))}
          >
            {t('chat.delete')}
          </button>
        </div>
        <FormProblem error={run.error} />
      </Show>
    </li>
  );
}
