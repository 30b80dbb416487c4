export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The tag `Intl` formats each language with. English is British English: the people reading it
 * are Indonesian communities, who write the day before the month ("7 Desember 2025"), as en-GB
 * does ("7 December 2025") and en-US does not ("December 7, 2025"; 12/7 reads as 12 July here).
 * English clock times are 12-hour all the same: `clockTime` in time.ts writes them.
 */
const INTL_LOCALES: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

export function intlLocaleOf(locale: Locale): string {
  return INTL_LOCALES[locale];
}

/**
 * "in" is the legacy ISO code for Indonesian, still sent by some Android browsers; Malay,
 * Javanese and Sundanese readers read Indonesian far better than English.
 */
const CLOSEST_TO_INDONESIAN = new Set(['in', 'ms', 'jv', 'su']);

/** Picks the first supported language from an Accept-Language header or navigator.languages. */
export function negotiateLocale(preferred: readonly string[] | string | undefined | null): Locale {
  const list = typeof preferred === 'string' ? parseAcceptLanguage(preferred) : (preferred ?? []);
  for (const tag of list) {
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    const normalized = CLOSEST_TO_INDONESIAN.has(primary) ? 'id' : primary;
    if (isLocale(normalized)) return normalized;
  }
  // Someone who reads neither (a German browser, say) is better served in English; with no
  // preference at all, Indonesian, the language of most people here.
  return list.length > 0 ? 'en' : DEFAULT_LOCALE;
}

function parseAcceptLanguage(header: string): string[] {
  return (
    header
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      // "*" (what Node's fetch sends) says nothing about the reader.
      .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
      .sort((a, b) => b.q - a.q)
      .map((entry) => entry.tag)
  );
}
