import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { usePageTitle } from '../app/page-title.ts';
import { VerificationResult } from '../features/certificates/VerificationResult.tsx';
import { VerifyNumberForm } from '../features/certificates/VerifyNumberForm.tsx';
import { certificateNumberOf } from '../features/certificates/verify-number.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import '../features/certificates/verify.css';

/**
 * The public check of an e-certificate, for anyone (no sign-in): `/verify` asks for a number,
 * `/verify/:number` (the QR code on the PDF) says whether that certificate is valid.
 */
export default function VerifyPage() {
  const { t } = useI18n();
  const params = useParams<{ number?: string }>();
  const navigate = useNavigate();
  const typed = () => decoded(params.number ?? '');
  const number = () => certificateNumberOf(typed());
  usePageTitle(() =>
    params.number ? `${t('certificates.verify.pageTitle')} ${number() ?? typed()}` : t('certificates.verify.pageTitle'),
  );
  // A number typed into the address bar as people write it gets its one address.
  createEffect(() => {
    const canonical = number();
    if (params.number && canonical && canonical !== params.number) navigate(`/verify/${canonical}`, { replace: true });
  });
  return (
    <div class="page verify-page">
      <Show
        when={params.number !== undefined}
        fallback={
          <>
            <header class="page__header">
              <p class="eyebrow">{t('certificates.verify.eyebrow')}</p>
              <h1>{t('certificates.verify.heading')}</h1>
              <p class="page__lead">{t('certificates.verify.lead')}</p>
            </header>
            <VerifyNumberForm />
          </>
        }
      >
        <p class="eyebrow verify-page__eyebrow">{t('certificates.verify.eyebrow')}</p>
        <VerificationResult number={number()} typed={typed()} />
        <VerifyNumberForm heading={t('certificates.verify.checkAnother')} class="verify-page__another" />
      </Show>
    </div>
  );
}

/** The router leaves "%20" in a parameter; a stray "%" must not break the page. */
function decoded(parameter: string): string {
  try {
    return decodeURIComponent(parameter);
  } catch {
    return parameter;
  }
}
