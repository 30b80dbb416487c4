import { intlLocaleOf } from '@serambi/shared';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** "14:05" in the reader's language and clock, for messages and questions of a session under way. */
export function useShortTime(): (instant: string) => string {
  const { locale } = useI18n();
  return (instant) => new Intl.DateTimeFormat(intlLocaleOf(locale()), { timeStyle: 'short' }).format(new Date(instant));
}
