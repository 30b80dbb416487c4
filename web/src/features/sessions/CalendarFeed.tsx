import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CalendarPlusIcon } from './AddToCalendar.tsx';
import { googleSubscribeUrl, webcalUrl } from './calendar-links.ts';
import './sessions.css';

/** Subscribe once, and every session (new, moved or cancelled) shows up in one's calendar. */
export function CalendarFeed(props: { feedPath: string }) {
  const { t } = useI18n();
  return (
    <div class="calendar-links">
      <p class="calendar-links__label">{t('calendar.subscribe')}</p>
      <ul class="calendar-links__list">
        <li>
          <a
            class="button button--small"
            href={googleSubscribeUrl(props.feedPath)}
            target="_blank"
            rel="noopener noreferrer external"
          >
            <CalendarPlusIcon />
            {t('calendar.google')}
          </a>
        </li>
        <li>
          <a class="button button--small" href={webcalUrl(props.feedPath)} rel="external">
            <CalendarPlusIcon />
            {t('calendar.calendarApp')}
          </a>
        </li>
      </ul>
    </div>
  );
}
