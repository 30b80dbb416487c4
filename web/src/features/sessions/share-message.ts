import { formatSessionTime, type Locale, type Session } from '@serambi/shared';
import { translate } from '@serambi/shared/i18n';

/**
 * What people paste into a WhatsApp group: title, day, time with WIB/WITA/WIT and the link, in
 * the sharer's language ("Yuk ikut … Daftar gratis: …").
 */
export function shareMessage(
  session: Pick<Session, 'title' | 'startsAt' | 'durationMinutes' | 'timeZone'>,
  url: string,
  locale: Locale,
): string {
  const { session: time } = formatSessionTime({ ...session, locale });
  return translate(locale, 'share.message', {
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
