import { WHIP_SHOWN_AS, type WhipKey, type WhipShownAs } from '@serambi/shared';
import { createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { RoomState } from '../room/create-room-state.ts';
import { useWhipApi } from './whip-api.ts';
import './whip.css';

const SHOWN_AS_LABEL = { camera: 'room.whip.asCamera', screen_share: 'room.whip.asScreen' } as const;

/**
 * Backstage, for a speaker or moderator: their WHIP address and stream key for OBS, how to use
 * them, a new key (which stops the old one) and revoking it.
 */
export function WhipPanel(props: { sessionRef: string; state: RoomState }) {
  const { t, locale } = useI18n();
  const id = createUniqueId();
  const api = useWhipApi(() => props.sessionRef);
  const [key, { mutate }] = createResource(() => props.state.withTicket((ticket) => api.current(ticket)));
  const [shownAs, setShownAs] = createSignal<WhipShownAs>('camera');
  const [pending, setPending] = createSignal<'make' | 'revoke'>();
  const [message, setMessage] = createSignal<{ text: string; problem: boolean }>();

  const act = async (what: 'make' | 'revoke') => {
    if (pending()) return;
    setPending(what);
    setMessage(undefined);
    try {
      if (what === 'make') {
        mutate(await props.state.withTicket((ticket) => api.issue(ticket, shownAs())));
      } else {
        await props.state.withTicket((ticket) => api.revoke(ticket));
        mutate(null);
        setMessage({ text: t('room.whip.revoked'), problem: false });
      }
    } catch (error) {
      const text = error instanceof ApiProblem && error.problem ? error.problem.detail : t('room.actionFailed');
      setMessage({ text, problem: true });
    } finally {
      setPending(undefined);
    }
  };
  const expires = (current: WhipKey) =>
    new Intl.DateTimeFormat(locale() === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(current.expiresAt),
    );

  return (
    <details class="whip-panel" data-testid="whip-panel">
      <summary class="whip-panel__summary">{t('room.whip.title')}</summary>
      <div class="whip-panel__body">
        <p class="whip-panel__intro">{t('room.whip.intro')}</p>
        <fieldset class="whip-panel__choice">
          <legend class="field__label">{t('room.whip.showAs')}</legend>
          <For each={WHIP_SHOWN_AS}>
            {(as) => (
              <label class="checkbox">
                <input
                  type="radio"
                  class="checkbox__input"
                  name={`${id}-as`}
                  value={as}
                  checked={shownAs() === as}
                  onChange={() => setShownAs(as)}
                />
                <span>{t(SHOWN_AS_LABEL[as])}</span>
              </label>
            )}
          </For>
        </fieldset>
        <Show when={key()} keyed>
          {(current) => (
            <div class="whip-panel__key" data-testid="whip-key">
              <p class="whip-panel__meta">
                {t('room.whip.shownAs', { as: t(SHOWN_AS_LABEL[current.as]) })} ·{' '}
                {t('room.whip.expires', { time: expires(current) })}
              </p>
              <CopyField id={`${id}-server`} label={t('room.whip.server')} value={current.url} testId="whip-server" />
              <CopyField id={`${id}-key`} label={t('room.whip.key')} value={current.key} testId="whip-token" />
              <h3 class="whip-panel__steps-title">{t('room.whip.steps')}</h3>
              <ol class="whip-panel__steps">
                <li>{t('room.whip.step1')}</li>
                <li>{t('room.whip.step2')}</li>
                <li>{t('room.whip.step3')}</li>
                <li>{t('room.whip.step4')}</li>
              </ol>
              <p class="whip-panel__secret">{t('room.whip.secret')}</p>
            </div>
          )}
        </Show>
        <div class="button-row">
          <button
            type="button"
            class="button button--primary"
            data-testid="whip-make"
            aria-disabled={pending() !== undefined}
            onClick={() => void act('make')}
          >
            {t(pending() === 'make' ? 'room.whip.making' : key() ? 'room.whip.renew' : 'room.whip.make')}
          </button>
          <Show when={key()}>
            <button
              type="button"
              class="button"
              data-testid="whip-revoke"
              aria-disabled={pending() !== undefined}
              onClick={() => void act('revoke')}
            >
              {t(pending() === 'revoke' ? 'room.whip.revoking' : 'room.whip.revoke')}
            </button>
          </Show>
        </div>
        <Show when={key()}>
          <p class="field__hint">{t('room.whip.renewHint')}</p>
        </Show>
        <Show when={message()}>
          {(shown) => (
            <p
              class="notice"
              classList={{ 'notice--problem': shown().problem }}
              role={shown().problem ? 'alert' : 'status'}
            >
              {shown().text}
            </p>
          )}
        </Show>
      </div>
    </details>
  );
}

/** A read-only value with a copy button (the address and the key go into OBS by copy and paste). */
function CopyField(props: { id: string; label: string; value: string; testId: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = createSignal<'copied' | 'failed'>();
  let input!: HTMLInputElement;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied('copied');
    } catch {
      input.select();
      setCopied('failed');
    }
  };
  return (
    <div class="whip-panel__field">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <div class="whip-panel__copy">
        <input
          ref={input}
          id={props.id}
          class="field__control whip-panel__value"
          readOnly
          value={props.value}
          data-testid={props.testId}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copy()} data-testid={`${props.testId}-copy`}>
          {copied() === 'copied' ? t('room.whip.copied') : t('room.whip.copy')}
        </button>
      </div>
      <Show when={copied() === 'failed'}>
        <p class="field__hint" role="status">
          {t('room.whip.copyFailed')}
        </p>
      </Show>
    </div>
  );
}
