import type { SessionStatus } from '@serambi/shared';
import type { MessageKey } from '@serambi/shared/i18n';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const LABELS: Partial<Record<SessionStatus, MessageKey>> = {
  draft: 'sessions.status.draft',
  live: 'sessions.status.live',
  ended: 'sessions.status.ended',
  cancelled: 'sessions.status.cancelled',
};

/** A word for every state but the ordinary "scheduled"; never colour alone. */
export function SessionStatusBadge(props: { status: SessionStatus }) {
  const { t } = useI18n();
  return (
    <Show when={LABELS[props.status]}>
      {(label) => <span class={`badge badge--${props.status}`}>{t(label())}</span>}
    </Show>
  );
}
