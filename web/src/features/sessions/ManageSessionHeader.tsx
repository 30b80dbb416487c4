import type { Session } from '@serambi/shared';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { SessionStatusBadge } from './SessionStatusBadge.tsx';
import './editor.css';

/** The top of the session editor, its registrants and its report: back to the dashboard, title, and the tabs. */
export function ManageSessionHeader(props: {
  communitySlug: string;
  session?: Session;
  current: 'details' | 'registrants' | 'report';
}) {
  const { t } = useI18n();
  const base = () => `/manage/${props.communitySlug}/sessions/${props.session?.slug ?? ''}`;
  return (
    <header class="manage-header">
      <p class="manage-header__back">
        <A href={`/manage/${props.communitySlug}`}>← {t('editor.backToDashboard')}</A>
      </p>
      <div class="manage-header__title">
        <h1>{props.session?.title ?? t('editor.newTitle')}</h1>
        <Show when={props.session}>{(session) => <SessionStatusBadge status={session().status} />}</Show>
      </div>
      <Show when={props.session}>
        {(session) => (
          <nav class="tabs" aria-label={t('editor.tabs')}>
            <A href={base()} class="tabs__tab" aria-current={props.current === 'details' ? 'page' : undefined} end>
              {t('editor.detailsTab')}
            </A>
            <A
              href={`${base()}/registrants`}
              class="tabs__tab"
              aria-current={props.current === 'registrants' ? 'page' : undefined}
            >
              {t('editor.registrantsTab', { count: session().registeredCount + session().waitlistedCount })}
            </A>
            {/* Before the session it holds the feedback form and the certificate settings; after, the numbers. */}
            <Show when={session().status !== 'cancelled'}>
              <A
                href={`${base()}/report`}
                class="tabs__tab"
                aria-current={props.current === 'report' ? 'page' : undefined}
                data-testid="report-tab"
              >
                {t('attendance.report.tab')}
              </A>
            </Show>
            <Show when={session().status !== 'draft'}>
              <A href={`/s/${session().slug}`} class="tabs__link">
                {t('editor.viewPublic')}
              </A>
            </Show>
            <Show when={session().status !== 'cancelled' && session().status !== 'ended'}>
              <A href={`/live/${session().slug}`} class="tabs__link tabs__link--room">
                {t('editor.openRoom')}
              </A>
            </Show>
          </nav>
        )}
      </Show>
    </header>
  );
}
