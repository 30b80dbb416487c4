import { isLocale, type Locale, negotiateLocale } from '@serambi/shared';

const STORAGE_KEY = 'serambi.locale';

/** The language chosen before on this browser, else the first supported one the browser asks for. */
export function preferredLocale(): Locale {
  const remembered = readStoredLocale();
  return isLocale(remembered) ? remembered : negotiateLocale(navigator.languages);
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage blocked by the browser's settings: the choice then lasts for this visit only.
  }
}

function readStoredLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage blocked by the browser's settings: fall back to the browser's languages.
    return null;
  }
}
