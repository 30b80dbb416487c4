import { intlLocaleOf, type Session } from '@serambi/shared';
import { A } from '@solidjs/router';
import { createMemo, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { SessionTimeLine } from '../time/SessionTimes.tsx';
import { SessionStatusBadge } from './SessionStatusBadge.tsx';
import { seatsLeft } from './seats.ts';
import './session-cards.css';

/** A session in a list: its day on a calendar leaf, title, time with WIB/WITA/WIT, state. */
export function SessionCard(props: { session: Session; href: string; actions?: JSX.Element }) {
  const { t, locale } = useI18n();
  const leaf = createMemo(() => {
    const format = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(intlLocaleOf(locale()), {
        timeZone: props.session.timeZone,
        ...options,
      }).format(new Date(props.session.startsAt));
    return { day: format({ day: 'numeric' }), month: format({ month: 'short' }) };
  });
  const left = () => seatsLeft(props.session);
  return (
    <li class="session-card">
      <div class="session-card__leaf" aria-hidden="true">
        <span class="session-card__month">{leaf().month}</span>
        <span class="session-card__day">{leaf().day}</span>
      </div>
      <div class="session-card__text">
        <h3 class="session-card__title">
          <A href={props.href}>{props.session.title}</A>
        </h3>
        <p class="session-card__time">
          <SessionTimeLine session={props.session} />
        </p>
        <p class="session-card__meta">
          <SessionStatusBadge status={props.session.status} />
          <Show when={props.session.visibility !== 'public'}>
            <span class="badge">{t(`sessions.visibility.${props.session.visibility}`)}</span>
          </Show>
          <Show when={left() !== null && props.session.status === 'scheduled'}>
            <span class="session-card__seats">
              {left() === 0 ? t('registration.full') : t('registration.seatsShort', { left: left() ?? 0 })}
            </span>
          </Show>
          <Show when={props.session.registeredCount > 0}>
            <span class="session-card__seats">
              {t('registration.registeredCount', { count: props.session.registeredCount })}
            </span>
          </Show>
        </p>
      </div>
      <Show when={props.actions}>
        <div class="session-card__actions">{props.actions}</div>
      </Show>
    </li>
  );
}
