import { intlLocaleOf } from '@serambi/shared';
import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DownloadIcon } from '../../ui/DownloadIcon.tsx';
import { myCertificatesQuery, pdfHref } from './my-certificates-api.ts';
import './verify.css';

/**
 * The certificates of a registrant, on their personal page after the session: each with a
 * download of its PDF and a link to its public verification; a calm line while there is none.
 */
export function MyCertificates(props: { secret: string; class?: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const certificates = useQuery(() => myCertificatesQuery(api, props.secret));
  const headingId = createUniqueId();
  const issued = (instant: string) =>
    new Intl.DateTimeFormat(intlLocaleOf(locale()), { dateStyle: 'long' }).format(new Date(instant));
  return (
    <section
      class={`card my-certificates ${props.class ?? ''}`}
      aria-labelledby={headingId}
      data-testid="my-certificates"
    >
      <h2 id={headingId} class="my-certificates__heading">
        {t('certificates.mine.heading')}
      </h2>
      <Switch>
        <Match when={certificates.data}>
          {(found) => (
            <Show
              when={found().length > 0}
              fallback={<p class="my-certificates__none">{t('certificates.mine.none')}</p>}
            >
              <ul class="my-certificates__list">
                <For each={found()}>
                  {(certificate) => (
                    <li class="my-certificate" data-testid="my-certificate">
                      <div class="my-certificate__text">
                        <p class="my-certificate__about">
                          {certificate.about}
                          <Show when={certificate.scope === 'series'}>
                            {' '}
                            <span class="badge">{t('certificates.mine.series')}</span>
                          </Show>
                        </p>
                        <p class="my-certificate__name">{certificate.name}</p>
                        <p class="my-certificate__meta">
                          <span>
                            {t('certificates.mine.number')} <code class="certificate-number">{certificate.number}</code>
                          </span>
                          <span>{t('certificates.mine.issuedOn', { date: issued(certificate.issuedAt) })}</span>
                        </p>
                      </div>
                      <div class="button-row">
                        <a
                          class="button button--primary button--small"
                          href={pdfHref(certificate)}
                          rel="external"
                          download={`${certificate.number}.pdf`}
                          aria-label={t('certificates.mine.downloadLabel', { number: certificate.number })}
                          data-testid="certificate-download"
                        >
                          <DownloadIcon />
                          {t('certificates.mine.download')}
                        </a>
                        <A
                          class="button button--small"
                          href={`/verify/${encodeURIComponent(certificate.number)}`}
                          aria-label={t('certificates.mine.verifyLabel', { number: certificate.number })}
                          data-testid="certificate-verify"
                        >
                          {t('certificates.mine.verify')}
                        </A>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Match>
        {/* Not the page's "not found": the link itself was good, or the page would not be here. */}
        <Match when={certificates.isError}>
          <div class="notice notice--problem" role="alert">
            <p>{t('forms.loadFailed')}</p>
            <button type="button" class="button button--small" onClick={() => void certificates.refetch()}>
              {t('status.recheck')}
            </button>
          </div>
        </Match>
        <Match when={certificates.isPending}>
          <p class="loading" role="status">
            {t('forms.loading')}
          </p>
        </Match>
      </Switch>
    </section>
  );
}
