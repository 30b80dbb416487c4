import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * The first stop for keyboard users. The router would treat `#id` as a navigation and only
 * scroll, so the click is handled here to move focus into the content as well.
 */
export function SkipLink(props: { targetId: string }) {
  const { t } = useI18n();
  const skipToTarget = (event: MouseEvent) => {
    const target = document.getElementById(props.targetId);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView();
  };
  return (
    <a class="skip-link" href={`#${props.targetId}`} on:click={skipToTarget}>
      {t('app.skipToContent')}
    </a>
  );
}
