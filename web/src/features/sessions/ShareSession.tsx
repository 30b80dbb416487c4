import type { Session } from '@serambi/shared';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LineIcon } from '../../ui/LineIcon.tsx';
import { sessionPageUrl } from './calendar-links.ts';
import { shareMessage, whatsAppUrl } from './share-message.ts';
import './sessions.css';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The phone's own share sheet where there is one; elsewhere the ready-made message is copied,
 * and a WhatsApp link is always at hand.
 */
export function ShareSession(props: { session: Session }) {
  const { t, locale } = useI18n();
  const [copy, setCopy] = createSignal<CopyState>('idle');
  const url = () => sessionPageUrl(props.session.slug);
  const message = () => shareMessage(props.session, url(), locale(), t);

  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: props.session.title, text: message() });
        return;
      } catch (error) {
        // The person closed the share sheet: nothing more to do.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(message());
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <div class="share">
      <div class="button-row">
        <button type="button" class="button button--small" onClick={share}>
          <LineIcon size={18}>
            <circle cx="18" cy="5.5" r="2.5" />
            <circle cx="6" cy="12" r="2.5" />
            <circle cx="18" cy="18.5" r="2.5" />
            <path d="m8.2 10.8 7.6-4.1M8.2 13.2l7.6 4.1" />
          </LineIcon>
          {t('share.button')}
        </button>
        <a
          class="button button--small"
          href={whatsAppUrl(message())}
          target="_blank"
          rel="noopener noreferrer external"
        >
          <LineIcon size={18}>
            <path d="M4 20l1.3-4A8 8 0 1 1 8.4 19z" />
            <path d="M9 9.5c.3 2.4 2.2 4.5 5 5.2l1.2-1.3-1.8-.9-.8.7c-1-.5-1.8-1.3-2.3-2.3l.7-.8-.8-1.8z" />
          </LineIcon>
          {t('share.whatsApp')}
        </a>
      </div>
      <p class="share__status" role="status">
        <Show when={copy() === 'copied'}>{t('share.copied')}</Show>
        <Show when={copy() === 'failed'}>{t('share.copyFailed')}</Show>
      </p>
      <Show when={copy() === 'failed'}>
        <label class="field">
          <span class="field__label">{t('share.messageLabel')}</span>
          <textarea
            class="field__control"
            readonly
            rows="4"
            value={message()}
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
      </Show>
    </div>
  );
}
