import { intlLocaleOf, type Locale } from '@serambi/shared';

/** Numbers as each language groups them: 1.250 and 1,250. */
export function numberFormatter(locale: Locale, options: Intl.NumberFormatOptions = {}): (value: number) => string {
  const format = new Intl.NumberFormat(intlLocaleOf(locale), options);
  return (value) => format.format(value);
}
