import { type Certificate, intlLocaleOf } from '@serambi/shared';
import { createMemo, createUniqueId, For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DownloadIcon } from '../../ui/DownloadIcon.tsx';
import { CertificateRowActions } from './CertificateRowActions.tsx';
import { certificatePdfUrl } from './certificate-urls.ts';
import '../attendance/report.css';
import './certificates-panel.css';

/**
 * The certificates a session or series gave: number, holder, status, when issued and mailed;
 * per valid certificate a PDF download, a name correction (re-issue) and revoking. The newest
 * first; replaced and revoked ones stay listed, as their numbers still answer on /verify.
 */
export function CertificatesList(props: {
  certificates: Certificate[];
  timeZone: string;
  /** Where re-issued and revoked certificates show up: the queries to refresh. */
  onChanged: () => void;
  /** Above the table: issue by hand, issue by the rule. */
  toolbar?: JSX.Element;
}) {
  const { t, locale } = useI18n();
  const captionId = createUniqueId();
  const date = createMemo(() => {
    const format = new Intl.DateTimeFormat(intlLocaleOf(locale()), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: props.timeZone,
    });
    return (instant: string) => format.format(new Date(instant));
  });
  const sorted = createMemo(() => [...props.certificates].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)));
  const validCount = () => props.certificates.filter((certificate) => certificate.status === 'valid').length;

  return (
    <div class="certificates-list" data-testid="certificates-list">
      <div class="certificates-list__bar">
        <p class="certificates-list__count">{t('certificates.panel.validCount', { count: validCount() })}</p>
        {props.toolbar}
      </div>
      <Show when={props.certificates.length > 0} fallback={<p class="empty-state">{t('certificates.panel.none')}</p>}>
        <div class="report-table__scroll">
          <table class="report-table">
            <caption id={captionId} class="visually-hidden">
              {t('certificates.panel.listCaption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('certificates.panel.columns.holder')}</th>
                <th scope="col">{t('certificates.panel.columns.status')}</th>
                <th scope="col">{t('certificates.panel.columns.issued')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('certificates.panel.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={sorted()}>
                {(certificate) => (
                  <tr classList={{ 'report-table__row--absent': certificate.status !== 'valid' }}>
                    <th scope="row" class="report-table__person">
                      <span class="report-table__name">{certificate.name}</span>
                      <span class="report-table__email" title={certificate.email}>
                        {certificate.email}
                      </span>
                      <span class="certificates-list__number">{certificate.number}</span>
                    </th>
                    <td class="certificates-list__status">
                      <StatusCell certificate={certificate} date={date()} />
                    </td>
                    <td class="certificates-list__date">
                      {date()(certificate.issuedAt)}
                      <Show when={certificate.origin === 'manual'}>
                        <span class="certificates-list__note">{t('certificates.panel.manual')}</span>
                      </Show>
                      <span class="certificates-list__note">
                        {certificate.mailedAt
                          ? t('certificates.panel.mailedAt', { date: date()(certificate.mailedAt) })
                          : t('certificates.panel.notMailed')}
                      </span>
                    </td>
                    <td>
                      <div class="certificates-list__actions">
                        <a
                          class="button button--small"
                          href={certificatePdfUrl(certificate.id)}
                          rel="external"
                          download=""
                          aria-label={t('certificates.panel.downloadLabel', { number: certificate.number })}
                        >
                          <DownloadIcon />
                          PDF
                        </a>
                        <Show when={certificate.status === 'valid'}>
                          <CertificateRowActions certificate={certificate} onChanged={props.onChanged} />
                        </Show>
                      </div>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}

function StatusCell(props: { certificate: Certificate; date: (instant: string) => string }) {
  const { t } = useI18n();
  return (
    <>
      <span class={`certificate-chip certificate-chip--${props.certificate.status}`}>
        {t(`certificates.panel.statuses.${props.certificate.status}`)}
      </span>
      <Show when={props.certificate.status === 'replaced' && props.certificate.replacedBy}>
        {(number) => (
          <span class="certificates-list__note">{t('certificates.panel.replacedBy', { number: number() })}</span>
        )}
      </Show>
      <Show when={props.certificate.status === 'revoked' && props.certificate.revokedAt}>
        {(revokedAt) => (
          <span class="certificates-list__note">
            {t('certificates.panel.revokedOn', { date: props.date(revokedAt()) })}
          </span>
        )}
      </Show>
      <Show when={props.certificate.status === 'revoked' && props.certificate.revokeReason}>
        {(reason) => <span class="certificates-list__note certificates-list__reason">{reason()}</span>}
      </Show>
    </>
  );
}
