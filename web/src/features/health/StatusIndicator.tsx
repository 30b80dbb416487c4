import type { MessageKey } from '@serambi/shared/i18n';
import { Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { SystemState } from './health-api.ts';

const LABELS: Record<SystemState, MessageKey> = {
  checking: 'status.checking',
  ok: 'status.ok',
  down: 'status.down',
  unreachable: 'status.unreachable',
  unknown: 'status.unknown',
};

/** A state as icon and words, so it never depends on colour alone. */
export function StatusIndicator(props: { state: SystemState }) {
  const { t } = useI18n();
  return (
    <span class={`status-indicator status-indicator--${props.state}`}>
      <StateIcon state={props.state} />
      <span>{t(LABELS[props.state])}</span>
    </span>
  );
}

function StateIcon(props: { state: SystemState }) {
  return (
    <svg class="status-indicator__icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <Switch>
        <Match when={props.state === 'ok'}>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path
            d="m6 10.2 2.6 2.6L14 7.4"
            fill="none"
            stroke="#fff"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </Match>
        <Match when={props.state === 'down'}>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path d="m7 7 6 6m0-6-6 6" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" />
        </Match>
        <Match when={props.state === 'unreachable'}>
          <path d="M10 1.8 19 17.5H1L10 1.8Z" fill="currentColor" stroke="currentColor" stroke-linejoin="round" />
          <path d="M10 7.5v4.5m0 2.6v.1" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" />
        </Match>
        <Match when={props.state === 'unknown'}>
          <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M6.5 10h7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </Match>
        <Match when={props.state === 'checking'}>
          <g class="status-indicator__spinner">
            <circle
              cx="10"
              cy="10"
              r="7.5"
              fill="none"
              stroke="currentColor"
              stroke-opacity="0.25"
              stroke-width="2.5"
            />
            <path
              d="M10 2.5a7.5 7.5 0 0 1 7.5 7.5"
              fill="none"
              stroke="currentColor"
              stroke-width="2.5"
              stroke-linecap="round"
            />
          </g>
        </Match>
      </Switch>
    </svg>
  );
}
