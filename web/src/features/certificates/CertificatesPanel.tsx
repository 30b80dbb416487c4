import type { CertificateProgram, Session } from '@serambi/shared';
import type { MessageKey } from '@serambi/shared/i18n';
import { A } from '@solidjs/router';
import { useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, createUniqueId, onCleanup, Show } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { type MessageParams, useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { CertificateProgramForm } from './CertificateProgramForm.tsx';
import { CertificatesList } from './CertificatesList.tsx';
import { certificatePreviewUrl } from './certificate-urls.ts';
import {
  certificateKeys,
  certificateProgramQuery,
  certificatesQuery,
  useFollowSeriesProgram,
  useSaveCertificateProgram,
} from './certificates-api.ts';
import { SessionCertificateActions } from './SessionCertificateActions.tsx';
import './certificates-panel.css';

/** After "issue by the rule", the list is looked at again this long while the job works. */
const AFTER_RUN_POLL_MS = 60_000;

/**
 * A session's certificates on its report: the program (its own, or the series' it follows,
 * with a way to set its own and to go back), then the certificates issued and what can be done
 * with them.
 */
export function SessionCertificatesPanel(props: { session: Session; communitySlug: string }) {
  const { t } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const owner = () => ({ ref: props.session.slug });
  const program = useQuery(() => certificateProgramQuery(api, owner()));
  const [polling, setPolling] = createSignal(false);
  const list = useQuery(() => certificatesQuery(api, owner(), { polling: polling() }));
  const save = useSaveCertificateProgram(owner);
  const [overriding, setOverriding] = createSignal(false);
  const listId = createUniqueId();
  let stopPolling: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(stopPolling));
  const refreshList = () => queryClient.invalidateQueries({ queryKey: certificateKeys.list(owner()) });

  return (
    <div class="certificates-panel" data-testid="certificates-panel">
      <QueryState query={program}>
        {(found) => (
          <Show
            when={!found().inherited || overriding()}
            fallback={
              <InheritedProgram
                program={found()}
                session={props.session}
                communitySlug={props.communitySlug}
                onOverride={() => setOverriding(true)}
              />
            }
          >
            <Show when={found().inherited}>
              <p class="notice notice--info">{t('certificates.panel.overriding')}</p>
            </Show>
            <CertificateProgramForm
              program={found()}
              scope="session"
              save={async (request) => {
                await save.mutateAsync(request);
                setOverriding(false);
              }}
              pending={save.isPending}
              error={save.error}
              sessionMinutes={props.session.durationMinutes}
              previewUrl={certificatePreviewUrl(props.session.slug)}
              extraActions={
                <Show
                  when={found().inherited}
                  fallback={
                    <Show when={props.session.series}>
                      <FollowSeriesButton sessionRef={props.session.slug} />
                    </Show>
                  }
                >
                  <button type="button" class="button" onClick={() => setOverriding(false)}>
                    {t('forms.cancel')}
                  </button>
                </Show>
              }
            />
          </Show>
        )}
      </QueryState>
      <section class="certificates-panel__issued" aria-labelledby={listId}>
        <h3 id={listId} class="report-section__subheading">
          {t('certificates.panel.listHeading')}
        </h3>
        <QueryState query={list}>
          {(certificates) => (
            <CertificatesList
              certificates={certificates()}
              timeZone={props.session.timeZone}
              onChanged={refreshList}
              toolbar={
                <SessionCertificateActions
                  sessionRef={props.session.slug}
                  held={props.session.status === 'live' || props.session.status === 'ended'}
                  ended={props.session.status === 'ended'}
                  enabled={program.data?.enabled ?? false}
                  onQueued={() => {
                    setPolling(true);
                    clearTimeout(stopPolling);
                    stopPolling = setTimeout(() => setPolling(false), AFTER_RUN_POLL_MS);
                  }}
                />
              }
            />
          )}
        </QueryState>
      </section>
    </div>
  );
}

/** The session follows its series' program: what that says, where to change it, and a way to set its own. */
function InheritedProgram(props: {
  program: CertificateProgram;
  session: Session;
  communitySlug: string;
  onOverride: () => void;
}) {
  const { t } = useI18n();
  return (
    <div class="inherited-program" data-testid="inherited-program">
      <p>
        {t('certificates.panel.inherited', { title: props.session.series?.title ?? '' })}{' '}
        <strong>{ruleSummary(props.program, t)}</strong>
      </p>
      <div class="button-row">
        <button type="button" class="button button--small" data-testid="override-program" onClick={props.onOverride}>
          {t('certificates.panel.override')}
        </button>
        <Show when={props.session.series}>
          {(series) => (
            <A
              class="button button--small button--quiet"
              href={`/manage/${props.communitySlug}/series/${series().id}/report`}
            >
              {t('certificates.panel.editSeries')}
            </A>
          )}
        </Show>
      </div>
    </div>
  );
}

/** "On: at least 75% of the session, and the feedback form." */
export function ruleSummary(
  program: CertificateProgram,
  t: (key: MessageKey, params?: MessageParams) => string,
): string {
  if (!program.enabled) return t('certificates.panel.ruleOff');
  return t(program.requireFeedback ? 'certificates.panel.ruleOnFeedback' : 'certificates.panel.ruleOn', {
    percent: program.minAttendancePercent,
  });
}

function FollowSeriesButton(props: { sessionRef: string }) {
  const { t } = useI18n();
  const follow = useFollowSeriesProgram(() => props.sessionRef);
  const [asking, setAsking] = createSignal(false);
  return (
    <>
      <button type="button" class="button button--quiet" data-testid="follow-series" onClick={() => setAsking(true)}>
        {t('certificates.panel.followSeries')}
      </button>
      <ConfirmDialog
        open={asking()}
        title={t('certificates.panel.followSeriesTitle')}
        confirmLabel={t('certificates.panel.followSeriesConfirm')}
        pending={follow.isPending}
        onClose={() => {
          follow.reset();
          setAsking(false);
        }}
        onConfirm={() => follow.mutate(undefined, { onSuccess: () => setAsking(false) })}
      >
        <p>{t('certificates.panel.followSeriesBody')}</p>
        <FormProblem error={follow.error} />
      </ConfirmDialog>
    </>
  );
}

/** A series' certificate program (with "N of M sessions") and its series certificates. */
export function SeriesCertificatesPanel(props: { seriesId: string; timeZone: string }) {
  const { t } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const owner = () => ({ seriesId: props.seriesId });
  const program = useQuery(() => certificateProgramQuery(api, owner()));
  const list = useQuery(() => certificatesQuery(api, owner()));
  const save = useSaveCertificateProgram(owner);
  const listId = createUniqueId();
  return (
    <div class="certificates-panel" data-testid="series-certificates-panel">
      <p class="report-section__lead">{t('certificates.panel.seriesLead')}</p>
      <QueryState query={program}>
        {(found) => (
          <CertificateProgramForm
            program={found()}
            scope="series"
            save={(request) => save.mutateAsync(request)}
            pending={save.isPending}
            error={save.error}
          />
        )}
      </QueryState>
      <section class="certificates-panel__issued" aria-labelledby={listId}>
        <h3 id={listId} class="report-section__subheading">
          {t('certificates.panel.seriesListHeading')}
        </h3>
        <QueryState query={list}>
          {(certificates) => (
            <CertificatesList
              certificates={certificates()}
              timeZone={props.timeZone}
              onChanged={() => queryClient.invalidateQueries({ queryKey: certificateKeys.list(owner()) })}
            />
          )}
        </QueryState>
      </section>
    </div>
  );
}
