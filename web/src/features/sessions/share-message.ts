import { formatSessionTime, type Locale, type Session } from '@serambi/shared';
import type { I18n } from '../../i18n/I18nProvider.tsx';

/**
 * What people paste into a WhatsApp group: title, day, time with WIB/WITA/WIT and the link, in
 * the sharer's language ("Yuk ikut … Daftar gratis: …").
 */
export function shareMessage(
  session: Pick<Session, 'title' | 'startsAt' | 'durationMinutes' | 'timeZone'>,
  url: string,
  locale: Locale,
  t: I18n['t'],
): string {
  const { session: time } = formatSessionTime({ ...session, locale });
  return t('share.message', {
    title: session.title,
    date: time.date,
    time: time.time,
    zone: time.zone,
    url,
  });
}

export function whatsAppUrl(message: string): string {
  return `https://wa.me/?text=${encodeURIComponent(message)}`;
}
