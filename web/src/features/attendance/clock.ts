import type { Locale } from '@serambi/shared';

/**
 * A time of day as each language writes it, in the session's zone: "20.15" in Indonesian
 * (PUEBI, as the session pages write it), "8:15 PM" in English.
 */
export function clockFormatter(locale: Locale, timeZone: string): (instant: string | number | Date) => string {
  if (locale === 'id') {
    const format = new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return (instant) => {
      const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
      return `${parts.hour}.${parts.minute}`;
    };
  }
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });
  return (instant) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
    return `${parts.hour}:${parts.minute} ${(parts.dayPeriod ?? '').toUpperCase()}`.trim();
  };
}

/** Numbers as each language groups them: 1.250 and 1,250. */
export function numberFormatter(locale: Locale, options: Intl.NumberFormatOptions = {}): (value: number) => string {
  const format = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', options);
  return (value) => format.format(value);
}
