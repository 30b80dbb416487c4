import { A } from '@solidjs/router';
import { AccountCorner } from '../features/accounts/AccountCorner.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx';
import { SerambiMark } from './SerambiMark.tsx';

export function SiteHeader() {
  const { t } = useI18n();
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <A href="/" class="brand" aria-label={t('app.homeLink')} end>
          <SerambiMark />
          <span class="brand__name">{t('app.name')}</span>
        </A>
        <nav class="site-nav" aria-label={t('nav.main')}>
          <A href="/" class="site-nav__link" activeClass="is-active" end>
            {t('nav.home')}
          </A>
          <A href="/check" class="site-nav__link" activeClass="is-active">
            {t('nav.check')}
          </A>
        </nav>
        <LanguageSwitcher />
        <AccountCorner />
      </div>
    </header>
  );
}
