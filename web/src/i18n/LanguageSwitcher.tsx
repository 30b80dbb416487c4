import { isLocale, LOCALES } from '@serambi/shared';
import { For } from 'solid-js';
import { useI18n } from './I18nProvider.tsx';

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  const chooseLanguage = (event: Event & { currentTarget: HTMLSelectElement }) => {
    const chosen = event.currentTarget.value;
    if (isLocale(chosen)) setLocale(chosen);
  };
  return (
    <label class="language-switcher">
      <GlobeIcon />
      <span class="visually-hidden">{t('nav.language')}</span>
      <select
        class="language-switcher__select"
        data-testid="language-switcher"
        value={locale()}
        onChange={chooseLanguage}
      >
        <For each={LOCALES}>
          {(option) => (
            // Each language is named in itself, so a reader finds theirs whatever is shown now.
            <option value={option} lang={option}>
              {t(`language.${option}`)}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}

function GlobeIcon() {
  return (
    <svg class="language-switcher__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3Z" />
      </g>
    </svg>
  );
}
