import { ConnectionQuality, RemoteAudioTrack, Track } from 'livekit-client';
import { createEffect, createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { LiveRoom } from './create-live-room.ts';
import { applyLowBandwidth } from './low-bandwidth.ts';
import { FullscreenIcon } from './room-icons.tsx';
import { StageTile } from './StageTile.tsx';
import { StartAudioPrompt } from './StartAudioPrompt.tsx';
import { obsOwnerOf, personOf, publicationOf, sharedScreenOwner, stageIdentities } from './stage-tiles.ts';
import { AudioTrackView, VideoTrackView } from './TrackView.tsx';
import './room.css';

/**
 * The stage as everyone sees it: a tile per person (one big, two side by side, then a grid),
 * a shared screen in the main area with the people beside it, every subscribed sound playing,
 * and the hints a viewer may need (turn on sound, weak connection, save data).
 */
export function StageView(props: {
  live: LiveRoom;
  /** Identities of the guests on stage, as the server's state says. */
  onStageGuests: ReadonlySet<string>;
  lowBandwidth: boolean;
  onLowBandwidth: (on: boolean) => void;
  testId: string;
  label: string;
  /** Shown when nobody is on stage. */
  empty: string;
  /** Drawn over the whole stage (floating reactions, an announcement); clicks pass through it. */
  overlay?: JSX.Element;
  children?: JSX.Element;
}) {
  const { t } = useI18n();
  let stage!: HTMLElement;
  const identities = createMemo(
    () => {
      props.live.changes();
      return stageIdentities(props.live.room, props.onStageGuests);
    },
    [],
    { equals: (a, b) => a.length === b.length && a.every((identity, index) => identity === b[index]) },
  );
  const presenter = createMemo(() => {
    props.live.changes();
    return sharedScreenOwner(props.live.room);
  });
  const screen = createMemo(() => {
    props.live.changes();
    const owner = presenter();
    return owner ? publicationOf(props.live.room, owner, Track.Source.ScreenShare)?.track : undefined;
  });
  const sounds = createMemo(() => {
    props.live.changes();
    const me = props.live.room.localParticipant.identity;
    // Not the sound of one's own OBS: it would echo back into one's own microphone.
    const others = [...props.live.room.remoteParticipants.values()].filter((p) => obsOwnerOf(p) !== me);
    return others.flatMap((participant) =>
      [...participant.audioTrackPublications.values()]
        .map((publication) => publication.track)
        .filter((track): track is RemoteAudioTrack => track instanceof RemoteAudioTrack),
    );
  });
  const count = () => identities().length;

  createEffect(() => {
    props.live.changes();
    applyLowBandwidth(props.live.room, props.lowBandwidth);
  });

  const [fullscreen, setFullscreen] = createSignal(false);
  const onFullscreenChange = () => setFullscreen(document.fullscreenElement === stage);
  document.addEventListener('fullscreenchange', onFullscreenChange);
  onCleanup(() => document.removeEventListener('fullscreenchange', onFullscreenChange));
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stage.requestFullscreen?.();
  };

  const weak = () => [ConnectionQuality.Poor, ConnectionQuality.Lost].includes(props.live.quality());
  const [offerDismissed, setOfferDismissed] = createSignal(false);

  return (
    <section
      ref={stage}
      class="stage"
      classList={{ 'stage--presenting': screen() !== undefined }}
      data-testid={props.testId}
      data-count={count()}
      aria-label={props.label}
    >
      <Show when={screen()} keyed>
        {(track) => (
          <div class="stage__screen">
            <VideoTrackView
              track={track}
              contain
              label={t('room.stage.screenOf', { name: personOf(props.live.room, presenter() ?? '')?.name ?? '' })}
            />
          </div>
        )}
      </Show>
      <div class={`stage__tiles stage__tiles--${Math.min(count(), 5)}`}>
        <For each={identities()} fallback={<p class="stage__empty">{props.empty}</p>}>
          {(identity) => <StageTile live={props.live} identity={identity} lowBandwidth={props.lowBandwidth} />}
        </For>
      </div>
      <For each={sounds()}>{(track) => <AudioTrackView track={track} />}</For>
      {props.overlay}

      <div class="stage__overlay">
        <StartAudioPrompt live={props.live} />
        <Show when={weak()}>
          <p class="stage__hint" role="status" data-testid="connection-hint">
            {t(
              props.live.quality() === ConnectionQuality.Lost
                ? 'room.stage.lostConnection'
                : 'room.stage.poorConnection',
            )}
          </p>
        </Show>
        <Show when={weak() && !props.lowBandwidth && !offerDismissed()}>
          <div class="stage__prompt stage__prompt--quiet" role="alert" data-testid="low-bandwidth-offer">
            <p>{t('room.stage.lowBandwidthOffer')}</p>
            <div class="button-row">
              <button
                type="button"
                class="button button--small button--primary"
                onClick={() => props.onLowBandwidth(true)}
              >
                {t('room.stage.lowBandwidthAccept')}
              </button>
              <button type="button" class="button button--small" onClick={() => setOfferDismissed(true)}>
                {t('room.stage.lowBandwidthDismiss')}
              </button>
            </div>
          </div>
        </Show>
      </div>

      <div class="stage__corner">
        {props.children}
        <button
          type="button"
          class="stage__icon-button"
          aria-label={t(fullscreen() ? 'room.stage.exitFullscreen' : 'room.stage.fullscreen')}
          title={t(fullscreen() ? 'room.stage.exitFullscreen' : 'room.stage.fullscreen')}
          aria-pressed={fullscreen()}
          data-testid="fullscreen"
          onClick={toggleFullscreen}
        >
          <FullscreenIcon size={20} />
        </button>
      </div>
    </section>
  );
}
