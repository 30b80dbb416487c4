import type { Session } from '@serambi/shared';
import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, type JSX, Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { usePageTitle } from '../app/page-title.ts';
import { SignedInOnly } from '../features/accounts/SignedInOnly.tsx';
import { AttendanceSection } from '../features/attendance/AttendanceSection.tsx';
import { attendanceReportQuery } from '../features/attendance/attendance-api.ts';
import { SessionCertificatesPanel } from '../features/certificates/CertificatesPanel.tsx';
import { certificatesQuery } from '../features/certificates/certificates-api.ts';
import { FeedbackFormEditor } from '../features/feedback/FeedbackFormEditor.tsx';
import { FeedbackResultsPanel } from '../features/feedback/FeedbackResultsPanel.tsx';
import { InteractionReport } from '../features/qa/InteractionReport.tsx';
import { ManageSessionHeader } from '../features/sessions/ManageSessionHeader.tsx';
import { sessionQuery } from '../features/sessions/sessions-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import '../features/attendance/report.css';

/** While the session is live its status may turn to "ended" any moment: look again this often. */
const LIVE_STATUS_POLL_MS = 30_000;

/**
 * /manage/:slug/sessions/:ref/report: everything after (and during) a session for its
 * organizers: attendance, feedback, certificates, and the room's questions and polls.
 */
export default function SessionReportPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string; ref: string }>();
  const api = useApi();
  return (
    <SignedInOnly>
      {() => {
        const session = useQuery(() => ({
          ...sessionQuery(api, params.ref),
          refetchInterval: (query: { state: { data?: Session } }) =>
            query.state.data?.status === 'live' ? LIVE_STATUS_POLL_MS : false,
        }));
        usePageTitle(() => t('attendance.report.pageTitle', { title: session.data?.title ?? '' }));
        return (
          <QueryState query={session} notFound={t('sessions.notFound')}>
            {(found) => <SessionReport session={found()} communitySlug={params.slug} />}
          </QueryState>
        );
      }}
    </SignedInOnly>
  );
}

function SessionReport(props: { session: Session; communitySlug: string }) {
  const { t } = useI18n();
  const api = useApi();
  const live = () => props.session.status === 'live';
  const report = useQuery(() => attendanceReportQuery(api, props.session.slug, live));
  const certificates = useQuery(() => certificatesQuery(api, { ref: props.session.slug }));
  const hasRun = () => props.session.status === 'live' || props.session.status === 'ended';
  return (
    <div class="page report-page" data-testid="session-report">
      <ManageSessionHeader communitySlug={props.communitySlug} session={props.session} current="report" />
      <p class="report-page__lead">{t('attendance.report.lead')}</p>
      <nav aria-label={t('attendance.report.sectionsLabel')}>
        <ul class="report-nav">
          <li>
            <a href="#attendance">{t('attendance.report.attendanceHeading')}</a>
          </li>
          <li>
            <a href="#feedback">{t('attendance.report.feedbackHeading')}</a>
          </li>
          <li>
            <a href="#certificates">{t('attendance.report.certificatesHeading')}</a>
          </li>
          <Show when={hasRun()}>
            <li>
              <a href="#interaction">{t('attendance.report.interactionHeading')}</a>
            </li>
          </Show>
          <Show when={props.session.series}>
            {(series) => (
              <li>
                <A href={`/manage/${props.communitySlug}/series/${series().id}/report`}>
                  {t('attendance.report.seriesReport', { title: series().title })}
                </A>
              </li>
            )}
          </Show>
        </ul>
      </nav>

      <ReportSection id="attendance" heading={t('attendance.report.attendanceHeading')}>
        <QueryState query={report}>
          {(found) => (
            <AttendanceSection
              report={found()}
              sessionRef={props.session.slug}
              timeZone={props.session.timeZone}
              live={live()}
              certificates={certificates.data}
            />
          )}
        </QueryState>
      </ReportSection>

      <div id="feedback" class="report-section report-columns">
        <FeedbackResultsPanel sessionRef={props.session.slug} timeZone={props.session.timeZone} />
        <FeedbackFormEditor sessionRef={props.session.slug} />
      </div>

      <ReportSection id="certificates" heading={t('attendance.report.certificatesHeading')} card>
        <SessionCertificatesPanel session={props.session} communitySlug={props.communitySlug} />
      </ReportSection>

      <Show when={hasRun()}>
        <div id="interaction" class="report-section card">
          <InteractionReport sessionRef={props.session.slug} timeZone={props.session.timeZone} />
        </div>
      </Show>
    </div>
  );
}

function ReportSection(props: { id: string; heading: string; card?: boolean; children: JSX.Element }) {
  const headingId = createUniqueId();
  return (
    <section id={props.id} class="report-section" classList={{ card: props.card }} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      {props.children}
    </section>
  );
}
