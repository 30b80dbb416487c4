import { useI18n } from '../i18n/I18nProvider.tsx';

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <div class="site-footer__inner">
        <p class="site-footer__tagline">
          <strong>{t('app.name')}</strong> · {t('app.tagline')}
        </p>
        {/* rel="external": the docs are served by the API, so the client router must let go. */}
        <a class="site-footer__link" href="/api/docs" rel="external">
          {t('nav.apiDocs')}
        </a>
      </div>
    </footer>
  );
}
