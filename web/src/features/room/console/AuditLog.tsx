import { intlLocaleOf } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { auditSentences } from './audit-text.ts';
import { auditQuery, useConsole } from './console-api.ts';

/** Who did what to whom, and when, newest first; fetched while this tab is open. */
export function AuditLog(props: { active: boolean; timeZone: string }) {
  const { t, locale } = useI18n();
  const context = useConsole();
  const audit = useQuery(() => auditQuery(context, props.active));
  const intlLocale = () => intlLocaleOf(locale());
  const clock = (instant: string) =>
    new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'medium' }).format(new Date(instant));
  const fullTime = (instant: string) =>
    new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'full', timeStyle: 'long' }).format(new Date(instant));
  const doorsTime = (instant: string) =>
    new Intl.DateTimeFormat(intlLocale(), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: props.timeZone,
    }).format(new Date(instant));
  return (
    <div class="console-panel__body">
      <p class="console-hint">{t('roomConsole.audit.hint')}</p>
      <Show when={audit.isError}>
        <p class="notice notice--problem" role="alert">
          {t('forms.loadFailed')}
        </p>
      </Show>
      <Show when={audit.isPending && props.active}>
        <p class="loading" role="status">
          {t('forms.loading')}
        </p>
      </Show>
      <Show when={audit.data?.length === 0}>
        <p class="empty-state">{t('roomConsole.audit.none')}</p>
      </Show>
      <ol class="console-audit" data-testid="audit-log" aria-label={t('roomConsole.audit.heading')}>
        <For each={audit.data}>
          {(entry) => (
            <li class="console-audit__entry" data-action={entry.action}>
              <time class="console-audit__time" datetime={entry.at} title={fullTime(entry.at)}>
                {clock(entry.at)}
              </time>
              <span class="console-audit__text">
                <For each={auditSentences(entry, t, doorsTime)}>{(sentence) => <span>{sentence}</span>}</For>
              </span>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}
