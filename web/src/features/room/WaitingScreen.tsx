import type { LobbySnapshot, RoomSnapshot } from '@serambi/shared';
import { intlLocaleOf, zoneAbbreviation } from '@serambi/shared';
import { createMemo, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Countdown } from '../time/Countdown.tsx';
import { SessionTimes } from '../time/SessionTimes.tsx';
import { RecordingNotice } from './RecordingNotice.tsx';
import './room.css';

export type WaitingReason = 'doorsClosed' | 'startingSoon' | 'lobby' | 'denied';

/**
 * Before the stage: the session, a countdown, and why they wait (doors not open yet, starting
 * soon, a moderator to let them in) or why they cannot come in.
 */
export function WaitingScreen(props: {
  /** The room, or only the lobby for someone a private session has not let in. */
  snapshot: RoomSnapshot | LobbySnapshot;
  reason: WaitingReason;
  /** False inside the room, whose header already names the session. */
  withHeading?: boolean;
}) {
  const { t, locale } = useI18n();
  const session = () => props.snapshot.session;
  const durationMinutes = () => Math.round((Date.parse(session().endsAt) - Date.parse(session().startsAt)) / 60_000);
  // The session's own zone, as its times are shown above.
  const room = () => (props.snapshot.view === 'room' ? props.snapshot : undefined);
  const doorsTime = createMemo(() => {
    const doors = room()?.settings.doorsOpenAt;
    if (!doors) return '';
    const { timeZone } = session();
    const clock = new Intl.DateTimeFormat(intlLocaleOf(locale()), {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(doors));
    return `${clock} ${zoneAbbreviation(timeZone, doors, locale())}`;
  });
  return (
    <section class="waiting-screen" data-testid="waiting-screen" data-reason={props.reason} aria-live="polite">
      <Show when={props.withHeading !== false}>
        <p class="waiting-screen__community">{session().community.name}</p>
        <h1 class="waiting-screen__title">{session().title}</h1>
      </Show>
      <div class="waiting-screen__when">
        <SessionTimes session={{ ...session(), durationMinutes: durationMinutes() }} />
        <Show when={props.reason !== 'denied'}>
          <Countdown startsAt={session().startsAt} endsAt={session().endsAt} status={session().status} />
        </Show>
      </div>
      <div class="waiting-screen__message">
        <Switch>
          <Match when={props.reason === 'doorsClosed'}>
            <h2>{t('room.waiting.doorsClosed')}</h2>
            <p data-testid="doors-open-at">{t('room.waiting.doorsOpenAt', { time: doorsTime() })}</p>
            <p class="waiting-screen__hint">{t('room.waiting.doorsHint')}</p>
          </Match>
          <Match when={props.reason === 'startingSoon'}>
            <h2>{t('room.waiting.startingSoon')}</h2>
            <p class="waiting-screen__hint">{t('room.waiting.startingSoonHint')}</p>
          </Match>
          <Match when={props.reason === 'lobby'}>
            <h2 data-testid="lobby-waiting">{t('room.waiting.lobby')}</h2>
            <p class="waiting-screen__hint">{t('room.waiting.lobbyHint')}</p>
          </Match>
          <Match when={props.reason === 'denied'}>
            <h2 data-testid="lobby-denied">{t('room.waiting.denied')}</h2>
            <p class="waiting-screen__hint">{t('room.waiting.deniedHint')}</p>
          </Match>
        </Switch>
      </div>
      <Show when={room()?.recordingNotice && props.reason !== 'denied'}>
        <RecordingNotice for="audience" />
      </Show>
    </section>
  );
}
