import { CHAT_MESSAGE_MAX_LENGTH, sendChatMessageRequestSchema } from '@serambi/shared';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FieldError } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { CharacterCounter } from '../qa/CharacterCounter.tsx';
import { createNow } from '../time/create-now.ts';
import { useChatCalls } from './chat-api.ts';
import { SendIcon } from './chat-icons.tsx';

/**
 * Writing to the chat: Enter sends (Shift+Enter is a new line, and a word still being composed
 * is not sent), the length shows as it grows, moderators may send an announcement, and in slow
 * mode a participant sees when they may send again.
 */
export function ChatForm(props: { moderator: boolean; slowModeSeconds: number; exempt: boolean }) {
  const { t } = useI18n();
  const calls = useChatCalls();
  const id = createUniqueId();
  const now = createNow();
  const [text, setText] = createSignal('');
  const [announcement, setAnnouncement] = createSignal(false);
  const [checkError, setCheckError] = createSignal<string>();
  const [sentAt, setSentAt] = createSignal<number>();
  const send = useMutation(() => ({ mutationFn: calls.send }));
  const error = () => checkError() ?? problemFieldErrors(send.error).text;
  const waitSeconds = () => {
    const last = sentAt();
    if (props.exempt || props.slowModeSeconds === 0 || last === undefined) return 0;
    return Math.max(0, Math.ceil((last + props.slowModeSeconds * 1000 - now().getTime()) / 1000));
  };

  const submit = (event?: Event) => {
    event?.preventDefault();
    if (send.isPending) return;
    const checked = validateWith(
      sendChatMessageRequestSchema,
      { text: text(), announcement: props.moderator && announcement() },
      t,
    );
    if (!checked.ok) return setCheckError(checked.errors.text);
    send.mutate(checked.data, {
      onSuccess: () => {
        setText('');
        setAnnouncement(false);
        setSentAt(Date.now());
      },
    });
  };

  return (
    <form class="chat-form" onSubmit={submit} novalidate data-testid="chat-form">
      <label class="visually-hidden" for={`${id}-text`}>
        {t('chat.label')}
      </label>
      <div class="chat-form__row">
        <textarea
          id={`${id}-text`}
          class="field__control chat-form__text"
          rows="1"
          data-testid="chat-text"
          placeholder={t('chat.placeholder')}
          aria-invalid={error() ? true : undefined}
          aria-describedby={`${id}-hint ${id}-counter${error() ? ` ${id}-error` : ''}`}
          value={text()}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setCheckError(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event);
          }}
        />
        <button
          type="submit"
          class="button button--primary chat-form__send"
          data-testid="chat-send"
          aria-disabled={send.isPending}
          aria-label={t('chat.send')}
          title={t('chat.send')}
        >
          <SendIcon size={20} />
        </button>
      </div>
      <FieldError id={`${id}-error`} message={error()} />
      <div class="chat-form__footer">
        <Show when={props.moderator}>
          <label class="inline-check chat-form__announcement">
            <input
              type="checkbox"
              data-testid="chat-announcement"
              checked={announcement()}
              onChange={(event) => setAnnouncement(event.currentTarget.checked)}
            />
            <span>{t('chat.announcement')}</span>
          </label>
        </Show>
        <span id={`${id}-hint`} class="visually-hidden">
          {t('chat.enterHint')}
        </span>
        <CharacterCounter id={`${id}-counter`} length={text().length} max={CHAT_MESSAGE_MAX_LENGTH} />
      </div>
      <p class="chat-form__wait" role="status">
        {waitSeconds() > 0 ? t('chat.slowModeWait', { seconds: waitSeconds() }) : ''}
      </p>
      <FormProblem error={problemFieldErrors(send.error).text ? null : send.error} />
    </form>
  );
}
