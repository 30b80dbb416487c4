import type { BreakoutState, RoomSnapshot } from '@serambi/shared';
import { RemoteAudioTrack } from 'livekit-client';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CameraIcon, CameraOffIcon, MicrophoneIcon } from '../devices/icons.tsx';
import type { LiveRoom } from '../room/create-live-room.ts';
import type { RoomState } from '../room/create-room-state.ts';
import { LeaveIcon, MicrophoneOffIcon } from '../room/room-icons.tsx';
import { StageTile } from '../room/StageTile.tsx';
import { StartAudioPrompt } from '../room/StartAudioPrompt.tsx';
import { AudioTrackView } from '../room/TrackView.tsx';
import { countdownText, tableById } from './breakout-state.ts';
import { createBreakoutsApi } from './breakouts-api.ts';
import { createCountdown } from './create-countdown.ts';
import { tableName } from './table-name.ts';
import './breakouts.css';

/** At this many seconds or fewer the countdown turns urgent. */
const URGENT_SECONDS = 60;

/**
 * A breakout table as the people at it see it: its name and countdown, the moderators'
 * messages and the one-minute warning on top, everyone at the table in a small grid with every
 * voice playing, and their own microphone, camera and "ask for help" (or, visiting, the way back).
 */
export function TableView(props: {
  state: RoomState;
  live: LiveRoom;
  snapshot: RoomSnapshot;
  breakouts: BreakoutState;
  sessionRef: string;
}) {
  const { t } = useI18n();
  const api = createBreakoutsApi(() => props.sessionRef);
  const table = () => tableById(props.breakouts, props.state.breakouts.table());
  const visiting = () => props.breakouts.myTableId !== props.state.breakouts.table();
  const seconds = createCountdown(
    () => props.breakouts.endsAt,
    () => props.state.breakouts.clockOffset(),
  );
  const warned = () => props.breakouts.warnedAt !== null;
  const latest = () => props.state.breakouts.messages().at(-1);

  const members = createMemo(
    () => {
      props.live.changes();
      const room = props.live.room;
      return [room.localParticipant.identity, ...[...room.remoteParticipants.values()].map((p) => p.identity)];
    },
    [],
    { equals: (a, b) => a.length === b.length && a.every((identity, index) => identity === b[index]) },
  );
  const sounds = createMemo(() => {
    props.live.changes();
    return [...props.live.room.remoteParticipants.values()].flatMap((participant) =>
      [...participant.audioTrackPublications.values()]
        .map((publication) => publication.track)
        .filter((track): track is RemoteAudioTrack => track instanceof RemoteAudioTrack),
    );
  });
  const local = () => props.live.room.localParticipant;
  const publishing = createMemo(() => {
    props.live.changes();
    return { microphone: local().isMicrophoneEnabled, camera: local().isCameraEnabled };
  });

  const [introDismissed, setIntroDismissed] = createSignal(false);
  const [mediaFailed, setMediaFailed] = createSignal(false);
  const toggle = async (device: 'microphone' | 'camera') => {
    setMediaFailed(false);
    setIntroDismissed(true);
    const media = props.state.media();
    try {
      if (device === 'microphone') {
        await local().setMicrophoneEnabled(
          !publishing().microphone,
          media?.microphoneId ? { deviceId: media.microphoneId } : undefined,
        );
      } else {
        await local().setCameraEnabled(
          !publishing().camera,
          media?.cameraId ? { deviceId: media.cameraId } : undefined,
        );
      }
      // A click is the browser's permission to play sound too.
      if (!props.live.canPlayAudio()) await props.live.room.startAudio();
    } catch {
      setMediaFailed(true);
    }
  };

  const [help, setHelp] = createSignal<'asking' | 'asked' | 'failed'>();
  const askForHelp = async () => {
    setHelp('asking');
    try {
      await props.state.withTicket((ticket) => api.askForHelp(ticket, {}));
      setHelp('asked');
    } catch {
      setHelp('failed');
    }
  };

  return (
    <section
      class="table-view"
      data-testid="breakout-table"
      data-table-id={props.state.breakouts.table() ?? ''}
      aria-label={table() ? tableName(t, table() as NonNullable<ReturnType<typeof table>>) : t('breakouts.table.label')}
    >
      <header class="table-view__header">
        <div class="table-view__title">
          <Show when={table()}>
            {(shown) => (
              <>
                <h2 class="table-view__name">{tableName(t, shown())}</h2>
                <Show when={shown().topic}>
                  <p class="table-view__topic">{shown().topic}</p>
                </Show>
              </>
            )}
          </Show>
          <Show when={visiting()}>
            <p class="table-view__visiting">{t('breakouts.table.visiting')}</p>
          </Show>
        </div>
        <p
          class="table-view__countdown"
          classList={{ 'table-view__countdown--urgent': seconds() <= URGENT_SECONDS }}
          role="timer"
          aria-label={t('breakouts.table.timeLeftLabel')}
          data-testid="breakout-countdown"
        >
          {t('breakouts.table.timeLeft', { time: countdownText(seconds()) })}
        </p>
      </header>

      <Show when={warned()}>
        <div class="table-view__warning" role="alert" data-testid="breakout-warning">
          <strong>{t('breakouts.table.warning')}</strong>
          <span>{t('breakouts.table.warningHint')}</span>
        </div>
      </Show>

      <Show when={latest()} keyed>
        {(message) => (
          <div class="table-view__message" role="alert" data-testid="breakout-message">
            <p class="table-view__message-from">{t('breakouts.table.messageFrom', { name: message.from })}</p>
            <p class="table-view__message-text">{message.message}</p>
          </div>
        )}
      </Show>

      <div class="table-view__stage">
        <ul class="table-view__grid" aria-label={t('breakouts.table.members')} data-count={members().length}>
          <For each={members()}>
            {(identity) => (
              <li class="table-view__member">
                <StageTile live={props.live} identity={identity} lowBandwidth={false} />
              </li>
            )}
          </For>
        </ul>
        <Show when={members().length < 2}>
          <p class="table-view__alone">{t('breakouts.table.alone')}</p>
        </Show>
        <For each={sounds()}>{(track) => <AudioTrackView track={track} />}</For>
        <StartAudioPrompt live={props.live} class="table-view__prompt" />
      </div>

      <Show when={!introDismissed() && !publishing().microphone && !publishing().camera}>
        <div class="table-view__intro" role="note">
          <p>{t('breakouts.table.mediaIntro')}</p>
          <button type="button" class="button button--small" onClick={() => setIntroDismissed(true)}>
            {t('breakouts.table.mediaIntroDismiss')}
          </button>
        </div>
      </Show>

      <div class="room-controls" role="toolbar" aria-label={t('breakouts.table.controls')}>
        <div class="room-controls__row">
          <button
            type="button"
            class="room-control"
            classList={{ 'room-control--on': publishing().microphone }}
            aria-pressed={publishing().microphone}
            data-testid="table-microphone"
            onClick={() => void toggle('microphone')}
          >
            {publishing().microphone ? <MicrophoneIcon /> : <MicrophoneOffIcon />}
            <span class="room-control__label">
              {t(publishing().microphone ? 'breakouts.table.microphoneOff' : 'breakouts.table.microphoneOn')}
            </span>
          </button>
          <button
            type="button"
            class="room-control"
            classList={{ 'room-control--on': publishing().camera }}
            aria-pressed={publishing().camera}
            data-testid="table-camera"
            onClick={() => void toggle('camera')}
          >
            {publishing().camera ? <CameraIcon /> : <CameraOffIcon />}
            <span class="room-control__label">
              {t(publishing().camera ? 'breakouts.table.cameraOff' : 'breakouts.table.cameraOn')}
            </span>
          </button>
          <Show
            when={visiting()}
            fallback={
              <button
                type="button"
                class="button button--small table-view__help"
                data-testid="ask-help"
                disabled={help() === 'asking' || help() === 'asked'}
                onClick={() => void askForHelp()}
              >
                {t('breakouts.table.askHelp')}
              </button>
            }
          >
            <button
              type="button"
              class="button button--small"
              data-testid="leave-table"
              onClick={() => props.state.breakouts.visit(null)}
            >
              <LeaveIcon size={18} />
              {t('breakouts.table.backToMain')}
            </button>
          </Show>
        </div>
        <Show when={help() === 'asked'}>
          <p class="room-controls__note" role="status" data-testid="help-asked">
            {t('breakouts.table.helpAsked')}
          </p>
        </Show>
        <Show when={help() === 'failed'}>
          <p class="notice notice--problem room-controls__note" role="alert">
            {t('breakouts.table.helpFailed')}
          </p>
        </Show>
        <Show when={mediaFailed()}>
          <p class="notice notice--problem room-controls__note" role="alert">
            {t('breakouts.table.mediaFailed')}
          </p>
        </Show>
      </div>
    </section>
  );
}
