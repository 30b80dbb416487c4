import { A } from '@solidjs/router';
import { usePageTitle } from '../app/page-title.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(() => t('notFound.title'));
  return (
    <div class="page page--narrow not-found">
      <p class="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>{t('notFound.title')}</h1>
      <p class="page__lead">{t('notFound.body')}</p>
      <A href="/" class="button button--primary">
        {t('notFound.back')}
      </A>
    </div>
  );
}
