import { clockTime, formatSessionTime } from '@serambi/shared';
import { createMemo, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { viewerTimeZone } from './wall-clock.ts';
import './time.css';

interface TimedSession {
  startsAt: string;
  durationMinutes: number;
  timeZone: string;
}

/**
 * A session's time as the organizer planned it (with WIB/WITA/WIT) and, for a viewer whose
 * clock reads differently, in the viewer's own zone.
 */
export function SessionTimes(props: { session: TimedSession }) {
  const { t, locale } = useI18n();
  const times = createMemo(() =>
    formatSessionTime({ ...props.session, locale: locale(), viewerTimeZone: viewerTimeZone() }),
  );
  return (
    <div class="session-times">
      <p class="session-times__main" data-testid="session-time">
        <time datetime={props.session.startsAt}>
          <span class="session-times__date">{times().session.date}</span>{' '}
          <span class="session-times__clock">
            {times().session.time} {times().session.zone}
          </span>
        </time>
      </p>
      <Show when={times().viewer}>
        {(viewer) => (
          <p class="session-times__viewer" data-testid="viewer-time">
            {t('time.inYourZone', { zone: cityOf(viewer().timeZone) })} <strong>{viewer().text}</strong>
          </p>
        )}
      </Show>
    </div>
  );
}

/** One line for lists: "Minggu, 7 Desember 2025 · 20.00–21.30 WITA". */
export function SessionTimeLine(props: { session: TimedSession }) {
  const { locale } = useI18n();
  return (
    <time datetime={props.session.startsAt}>
      {formatSessionTime({ ...props.session, locale: locale() }).session.text}
    </time>
  );
}

/** "Europe/Berlin" → "Berlin", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
function cityOf(timeZone: string): string {
  return (timeZone.split('/').at(-1) ?? timeZone).replaceAll('_', ' ');
}

/** When only the start is known: "Minggu, 7 Desember 2025 · 20.00 WITA". */
export function StartTime(props: { startsAt: string; timeZone: string }) {
  const { locale } = useI18n();
  const text = createMemo(() => {
    const { session } = formatSessionTime({ ...props, durationMinutes: 0, locale: locale() });
    const clock = clockTime(props.startsAt, props.timeZone, locale());
    return `${session.date} · ${clock} ${session.zone}`;
  });
  return <time datetime={props.startsAt}>{text()}</time>;
}
