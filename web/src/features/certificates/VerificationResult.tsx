import { type CertificateVerification, intlLocaleOf } from '@serambi/shared';
import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, type JSX, Match, Show, Switch } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { problemMessage } from '../../ui/form/field-errors.ts';
import { LineIcon } from '../../ui/LineIcon.tsx';
import { verificationQuery } from './verify-api.ts';

type Verdict = 'valid' | 'revoked' | 'replaced' | 'unknown';

/**
 * What the public check says about one certificate number, as plainly as possible: a green
 * "Valid certificate" with who it was given to, for what, by whom and when; red when revoked
 * (when, and why); amber when a corrected one replaced it (with a link to that one); and
 * "No certificate has this number" for a number that does not exist. `number` is normalized;
 * null when what was typed cannot be a number at all.
 */
export function VerificationResult(props: { number: string | null; typed: string }) {
  const { t } = useI18n();
  const api = useApi();
  const verification = useQuery(() => ({
    ...verificationQuery(api, props.number ?? ''),
    enabled: props.number !== null,
  }));
  const unknown = () =>
    props.number === null || (verification.error instanceof ApiProblem && verification.error.status === 404);
  return (
    <Switch>
      <Match when={unknown()}>
        <UnknownNumber number={props.number ?? props.typed} />
      </Match>
      <Match when={verification.data}>{(found) => <Verified verification={found()} />}</Match>
      <Match when={verification.isError}>
        <div class="notice notice--problem" role="alert">
          {/* "Too many checks, wait a few seconds" is the API's to say; otherwise the usual words. */}
          <p>
            {verification.error instanceof ApiProblem ? problemMessage(verification.error, t) : t('forms.loadFailed')}
          </p>
          <button type="button" class="button button--small" onClick={() => void verification.refetch()}>
            {t('status.recheck')}
          </button>
        </div>
      </Match>
      <Match when={true}>
        <p class="loading verdict__checking" role="status">
          {t('certificates.verify.checking')}
        </p>
      </Match>
    </Switch>
  );
}

function Verified(props: { verification: CertificateVerification }) {
  const { t, locale } = useI18n();
  const v = () => props.verification;
  const intlLocale = () => intlLocaleOf(locale());
  const day = (instant: string, style: 'full' | 'long') =>
    new Intl.DateTimeFormat(intlLocale(), { dateStyle: style, timeZone: v().timeZone }).format(new Date(instant));
  return (
    <Verdict
      verdict={v().status}
      heading={t(`certificates.verify.${v().status}`)}
      lead={
        v().status === 'revoked'
          ? t('certificates.verify.revokedLead', { date: day(v().revokedAt ?? v().issuedAt, 'long') })
          : t(v().status === 'valid' ? 'certificates.verify.validLead' : 'certificates.verify.replacedLead')
      }
      number={v().number}
    >
      <Show when={v().status === 'revoked' && v().revokeReason}>
        {(reason) => (
          <div class="verdict__reason">
            <p class="verdict__reason-label">{t('certificates.verify.reason')}</p>
            <p>{reason()}</p>
          </div>
        )}
      </Show>
      <Show when={v().status === 'replaced' && v().replacedBy}>
        {(replacement) => (
          <p class="verdict__replacement">
            <A
              href={`/verify/${encodeURIComponent(replacement())}`}
              class="button button--primary"
              data-testid="replacement-link"
            >
              {t('certificates.verify.seeReplacement', { number: replacement() })}
            </A>
          </p>
        )}
      </Show>
      <dl class="verdict__details">
        <div class="verdict__detail verdict__detail--holder">
          <dt>{t('certificates.verify.holder')}</dt>
          <dd class="verdict__holder" data-testid="verified-name">
            {v().name}
          </dd>
        </div>
        <div class="verdict__detail">
          <dt>{t('certificates.verify.certificate')}</dt>
          <dd>{v().title}</dd>
        </div>
        <div class="verdict__detail">
          <dt>{t('certificates.verify.about')}</dt>
          <dd>{v().about}</dd>
        </div>
        <div class="verdict__detail">
          <dt>{t('certificates.verify.community')}</dt>
          <dd>{v().community}</dd>
        </div>
        <Show when={v().heldAt}>
          {(heldAt) => (
            <div class="verdict__detail">
              <dt>{t('certificates.verify.heldOn')}</dt>
              <dd>
                <time datetime={heldAt()}>{day(heldAt(), 'full')}</time>
              </dd>
            </div>
          )}
        </Show>
        <div class="verdict__detail">
          <dt>{t('certificates.verify.issuedOn')}</dt>
          <dd>
            <time datetime={v().issuedAt}>{day(v().issuedAt, 'long')}</time>
          </dd>
        </div>
      </dl>
    </Verdict>
  );
}

function UnknownNumber(props: { number: string }) {
  const { t } = useI18n();
  return (
    <Verdict
      verdict="unknown"
      heading={t('certificates.verify.unknown')}
      lead={t('certificates.verify.unknownLead')}
      number={props.number}
    >
      <p class="verdict__hint">{t('certificates.verify.unknownHint')}</p>
    </Verdict>
  );
}

/** The frame of every answer: a coloured banner with an icon and the verdict in words, then the details. */
function Verdict(props: { verdict: Verdict; heading: string; lead: string; number: string; children: JSX.Element }) {
  const { t, locale } = useI18n();
  const headingId = createUniqueId();
  // Where this answer can be looked up again (what a printout shows); the page's address may still be changing.
  const pageAddress = () => `${location.origin}/verify/${encodeURIComponent(props.number)}`;
  const checkedAt = () =>
    new Intl.DateTimeFormat(intlLocaleOf(locale()), { dateStyle: 'long', timeStyle: 'short' }).format(new Date());
  return (
    <article
      class={`verdict verdict--${props.verdict}`}
      aria-labelledby={headingId}
      data-testid="verification"
      data-status={props.verdict}
    >
      <header class="verdict__banner">
        <span class="verdict__icon">
          <VerdictIcon verdict={props.verdict} />
        </span>
        <div class="verdict__words">
          <h1 id={headingId} class="verdict__heading">
            {props.heading}
          </h1>
          <p class="verdict__lead">{props.lead}</p>
        </div>
      </header>
      <div class="verdict__body">
        <p class="verdict__number">
          <span class="verdict__number-label">{t('certificates.verify.number')}</span>
          <code class="certificate-number" data-testid="verified-number">
            {props.number}
          </code>
        </p>
        {props.children}
        <div class="verdict__footer">
          <p class="verdict__checked">
            {t('certificates.verify.checkedAt', { date: checkedAt(), url: pageAddress() })}
          </p>
          <Show when={props.verdict !== 'unknown'}>
            <button type="button" class="button button--small button--quiet verdict__print" onClick={() => print()}>
              {t('certificates.verify.print')}
            </button>
          </Show>
        </div>
      </div>
    </article>
  );
}

function VerdictIcon(props: { verdict: Verdict }) {
  return (
    <Switch>
      <Match when={props.verdict === 'valid'}>
        <LineIcon size={36}>
          <circle cx="12" cy="12" r="9.5" />
          <path d="m7.5 12.5 3 3 6-6.5" />
        </LineIcon>
      </Match>
      <Match when={props.verdict === 'revoked'}>
        <LineIcon size={36}>
          <circle cx="12" cy="12" r="9.5" />
          <path d="m8.5 8.5 7 7M15.5 8.5l-7 7" />
        </LineIcon>
      </Match>
      <Match when={props.verdict === 'replaced'}>
        <LineIcon size={36}>
          <path d="M4 9h12.5M13 5.5 16.5 9 13 12.5M20 15H7.5M11 11.5 7.5 15l3.5 3.5" />
        </LineIcon>
      </Match>
      <Match when={true}>
        <LineIcon size={36}>
          <circle cx="11" cy="11" r="6.5" />
          <path d="m16 16 4 4M9 9.2a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6.9v.5M11 14.2v.1" />
        </LineIcon>
      </Match>
    </Switch>
  );
}
