import { LocalTrack, Track } from 'livekit-client';
import { createMemo, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CameraOffIcon } from '../devices/icons.tsx';
import type { LiveRoom } from './create-live-room.ts';
import { MicrophoneOffIcon } from './room-icons.tsx';
import { initialsOf, isShowing, obsOf, personOf, publicationOf } from './stage-tiles.ts';
import { VideoTrackView } from './TrackView.tsx';

/** One person on stage: their camera (or initials), name and title, mute state, speaking ring. */
export function StageTile(props: { live: LiveRoom; identity: string; lowBandwidth: boolean }) {
  const { t } = useI18n();
  const participant = createMemo(() => {
    props.live.changes();
    return personOf(props.live.room, props.identity);
  });
  const isLocal = () => participant() === props.live.room.localParticipant;
  // Read again on every change: LiveKit's objects are mutable; equal tracks keep their <video>.
  const camera = createMemo(() => {
    props.live.changes();
    const publication = publicationOf(props.live.room, props.identity, Track.Source.Camera);
    return isShowing(publication) ? publication?.track : undefined;
  });
  const microphoneOn = createMemo(() => {
    props.live.changes();
    return isShowing(publicationOf(props.live.room, props.identity, Track.Source.Microphone));
  });
  const name = createMemo(() => {
    props.live.changes();
    const known = participant()?.name || props.identity;
    return isLocal() ? t('room.stage.you', { name: known }) : known;
  });
  const title = createMemo(() => {
    props.live.changes();
    return participant()?.attributes.title ?? '';
  });
  const speaking = () => {
    const speakers = props.live.activeSpeakers();
    return (
      speakers.has(props.identity) || obsOf(props.live.room, props.identity).some((obs) => speakers.has(obs.identity))
    );
  };
  return (
    <figure
      class="stage-tile"
      classList={{ 'stage-tile--speaking': speaking() }}
      data-testid="stage-tile"
      data-identity={props.identity}
      data-speaking={speaking() ? 'true' : 'false'}
    >
      <Show
        when={camera()}
        keyed
        fallback={
          <div class="stage-tile__placeholder">
            <span class="stage-tile__initials" aria-hidden="true">
              {initialsOf(participant()?.name || props.identity)}
            </span>
          </div>
        }
      >
        {(track) => <VideoTrackView track={track} mirrored={track instanceof LocalTrack} />}
      </Show>
      <figcaption class="stage-tile__caption">
        <span class="stage-tile__name">{name()}</span>
        <Show when={title()}>
          <span class="stage-tile__title">{title()}</span>
        </Show>
      </figcaption>
      <div class="stage-tile__badges">
        <Show when={speaking()}>
          <span class="visually-hidden">{t('room.stage.speaking')}</span>
        </Show>
        <Show when={!microphoneOn()}>
          <span class="stage-tile__badge" title={t('room.stage.microphoneOff')} data-testid="tile-microphone-off">
            <MicrophoneOffIcon size={18} />
            <span class="visually-hidden">{t('room.stage.microphoneOff')}</span>
          </span>
        </Show>
        <Show when={!camera() && !(props.lowBandwidth && !isLocal())}>
          <span class="stage-tile__badge" title={t('room.stage.cameraOff')} data-testid="tile-camera-off">
            <CameraOffIcon size={18} />
            <span class="visually-hidden">{t('room.stage.cameraOff')}</span>
          </span>
        </Show>
      </div>
    </figure>
  );
}
