import type { Session } from '@serambi/shared';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LineIcon } from '../../ui/LineIcon.tsx';
import { googleCalendarUrl, icsUrl, sessionPageUrl } from './calendar-links.ts';
import './sessions.css';

export function AddToCalendar(props: { session: Session }) {
  const { t } = useI18n();
  return (
    <div class="calendar-links">
      <p class="calendar-links__label" id={`calendar-${props.session.id}`}>
        {t('calendar.add')}
      </p>
      <ul class="calendar-links__list" aria-labelledby={`calendar-${props.session.id}`}>
        <li>
          <a
            class="button button--small"
            href={googleCalendarUrl(props.session, sessionPageUrl(props.session.slug))}
            target="_blank"
            rel="noopener noreferrer external"
          >
            <CalendarPlusIcon />
            {t('calendar.google')}
          </a>
        </li>
        <li>
          <a class="button button--small" href={icsUrl(props.session.slug)} rel="external" download="">
            <CalendarPlusIcon />
            {t('calendar.ics')}
          </a>
        </li>
      </ul>
    </div>
  );
}

export function CalendarPlusIcon() {
  return (
    <LineIcon size={18}>
      <rect x="3.5" y="5" width="17" height="15" rx="2.5" />
      <path d="M3.5 10h17M8 3v4M16 3v4M12 13v5M9.5 15.5h5" />
    </LineIcon>
  );
}
