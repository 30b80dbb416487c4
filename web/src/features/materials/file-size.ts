import type { Locale } from '@serambi/shared';

export type SizeUnit = 'kb' | 'mb' | 'gb';

/**
 * A file's size as people read it: whole kilobytes under a megabyte, megabytes with one decimal
 * under a gigabyte, else gigabytes with one decimal (a community's limit: "2 GB").
 */
export function fileSize(bytes: number, locale: Locale): { unit: SizeUnit; n: string } {
  const kilobytes = bytes / 1024;
  if (kilobytes < 1024)
    return { unit: 'kb', n: new Intl.NumberFormat(locale).format(Math.max(1, Math.ceil(kilobytes))) };
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const megabytes = kilobytes / 1024;
  if (megabytes < 1024) return { unit: 'mb', n: oneDecimal.format(megabytes) };
  return { unit: 'gb', n: oneDecimal.format(megabytes / 1024) };
}

const KEYS = { kb: 'materials.sizeKb', mb: 'materials.sizeMb', gb: 'materials.sizeGb' } as const;

/** The message key that writes a size in its unit. */
export const sizeKey = (unit: SizeUnit) => KEYS[unit];
