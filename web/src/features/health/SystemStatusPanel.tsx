import type { Health } from '@serambi/shared';
import type { MessageKey } from '@serambi/shared/i18n';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, For } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { healthQuery, type SystemState } from './health-api.ts';
import { StatusIndicator } from './StatusIndicator.tsx';

type PartKey = keyof Omit<Health, 'status'>;

const PARTS: ReadonlyArray<{ key: PartKey; label: MessageKey }> = [
  { key: 'db', label: 'status.database' },
  { key: 'livekit', label: 'status.livekit' },
];

/** Whether the server, its database and its media server answer, rechecked every half minute. */
export function SystemStatusPanel() {
  const { t } = useI18n();
  const api = useApi();
  const health = useQuery(() => healthQuery(api));
  const headingId = createUniqueId();

  // The latest attempt decides: an older "ok" must not hide a server that has gone away.
  const overall = (): SystemState => (health.isError ? 'unreachable' : (health.data?.status ?? 'checking'));
  const partState = (part: PartKey): SystemState => (health.isError ? 'unknown' : (health.data?.[part] ?? 'checking'));

  return (
    <section class="card status-panel" aria-labelledby={headingId}>
      <div class="status-panel__header">
        <h2 id={headingId} class="status-panel__heading">
          {t('status.heading')}
        </h2>
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus that pressed it. */}
        <button
          type="button"
          class="button button--quiet button--small"
          aria-disabled={health.isFetching}
          onClick={() => {
            if (!health.isFetching) void health.refetch();
          }}
        >
          {t('status.recheck')}
        </button>
      </div>
      <dl class="status-list">
        <div class="status-list__row status-list__row--overall">
          <dt>{t('status.overall')}</dt>
          <dd role="status" data-testid="health-status" data-status={overall()}>
            <StatusIndicator state={overall()} />
          </dd>
        </div>
        <For each={PARTS}>{(part) => <PartRow label={t(part.label)} state={partState(part.key)} />}</For>
      </dl>
    </section>
  );
}

function PartRow(props: { label: string; state: SystemState }) {
  return (
    <div class="status-list__row">
      <dt>{props.label}</dt>
      <dd>
        <StatusIndicator state={props.state} />
      </dd>
    </div>
  );
}
