import type { SessionStatus } from '@serambi/shared';
import { Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { createNow } from './create-now.ts';
import './time.css';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * How long until a session starts, ticking each second; "live now" between start and end.
 * The session's status, when known, outranks the clock: a session ended early is ended, one
 * running late is live. role="timer" keeps screen readers from announcing every tick.
 */
export function Countdown(props: { startsAt: string; endsAt: string; status?: SessionStatus }) {
  const { t } = useI18n();
  const now = createNow();
  const untilStart = () => new Date(props.startsAt).getTime() - now().getTime();
  const untilEnd = () => new Date(props.endsAt).getTime() - now().getTime();
  const clock = () => {
    const left = untilStart();
    const hours = Math.floor((left % DAY) / HOUR);
    const minutes = Math.floor((left % HOUR) / MINUTE);
    const seconds = Math.floor((left % MINUTE) / SECOND);
    return {
      days: Math.floor(left / DAY),
      hours,
      clock: `${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}`,
    };
  };
  return (
    <p class="countdown" role="timer">
      <Switch>
        <Match when={props.status === 'cancelled'}>{t('time.cancelled')}</Match>
        <Match when={props.status === 'ended' || (props.status !== 'live' && untilEnd() <= 0)}>{t('time.ended')}</Match>
        <Match when={props.status === 'live' || untilStart() <= 0}>
          <span class="countdown__live">{t('time.liveNow')}</span>
        </Match>
        <Match when={clock().days >= 2}>{t('time.startsInDays', { days: clock().days, hours: clock().hours })}</Match>
        <Match when={clock().days === 1}>{t('time.startsInOneDay', { hours: clock().hours })}</Match>
        <Match when={true}>
          {t('time.startsIn')} <span class="countdown__clock">{clock().clock}</span>
        </Match>
      </Switch>
    </p>
  );
}
