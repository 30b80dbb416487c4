import { createEffect } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Keeps the tab title on the current page, in the current language; without a page title, the app's own. */
export function usePageTitle(pageTitle?: () => string) {
  const { t } = useI18n();
  createEffect(() => {
    document.title = pageTitle ? `${pageTitle()} · ${t('app.name')}` : `${t('app.name')} · ${t('app.tagline')}`;
  });
}
