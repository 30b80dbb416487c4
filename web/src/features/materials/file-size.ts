import type { Locale } from '@serambi/shared';

/** A file's size as people read it: whole kilobytes under a megabyte, else megabytes with one decimal. */
export function fileSize(bytes: number, locale: Locale): { key: 'kb' | 'mb'; n: string } {
  const kilobytes = bytes / 1024;
  if (kilobytes < 1024)
    return { key: 'kb', n: new Intl.NumberFormat(locale).format(Math.max(1, Math.ceil(kilobytes))) };
  return {
    key: 'mb',
    n: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kilobytes / 1024),
  };
}
