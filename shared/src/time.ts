import { z } from 'zod';

/** True when Intl knows the IANA zone name, e.g. "Asia/Makassar". */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    isValidTimeZone,
    'Use an IANA time zone such as "Asia/Jakarta" (WIB), "Asia/Makassar" (WITA) or "Asia/Jayapura" (WIT).',
  )
  .meta({ example: 'Asia/Makassar' });
