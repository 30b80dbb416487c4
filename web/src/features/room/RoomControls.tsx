import type { RoomSnapshot } from '@serambi/shared';
import { createMemo, createSignal, type JSX, Show } from 'solid-js';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CameraIcon, CameraOffIcon, MicrophoneIcon } from '../devices/icons.tsx';
import type { LiveRoom } from './create-live-room.ts';
import type { RoomState } from './create-room-state.ts';
import { mayPublish } from './publish-media.ts';
import type { RoomApi } from './room-api.ts';
import { HandIcon, LeaveIcon, MicrophoneOffIcon, ScreenShareIcon } from './room-icons.tsx';
import './room.css';

/**
 * What a person can do from where they are: the audience raises a hand; whoever may publish
 * turns microphone, camera and screen on and off; a guest leaves the stage; anyone saves data.
 */
export function RoomControls(props: {
  state: RoomState;
  api: RoomApi;
  live: LiveRoom;
  snapshot: RoomSnapshot;
  lowBandwidth: boolean;
  onLowBandwidth: (on: boolean) => void;
  /** More in the same row (the reactions). */
  children?: JSX.Element;
}) {
  const { t } = useI18n();
  const [problem, setProblem] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  const local = () => props.live.room.localParticipant;
  const publishing = createMemo(() => {
    props.live.changes();
    return {
      allowed: mayPublish(props.live.room),
      microphone: local().isMicrophoneEnabled,
      camera: local().isCameraEnabled,
      screen: local().isScreenShareEnabled,
    };
  });
  const me = () => props.snapshot.me;
  const isAudience = () => me().role === 'participant';
  const handRaised = () => me().handRaisedAt !== null;

  /** Runs one action, showing the server's reason (or a plain "did not work") when it fails. */
  const act = async (action: () => Promise<unknown>) => {
    if (pending()) return;
    setPending(true);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof ApiProblem && error.problem ? error.problem.detail : t('room.actionFailed'));
    } finally {
      setPending(false);
    }
  };

  return (
    <div class="room-controls" role="toolbar" aria-label={t('room.controls.label')}>
      <div class="room-controls__row">
        <Show when={isAudience() && me().stage === 'none'}>
          <ControlButton
            testId="raise-hand"
            pressed={handRaised()}
            label={t(handRaised() ? 'room.controls.lowerHand' : 'room.controls.raiseHand')}
            icon={<HandIcon />}
            onClick={() => act(() => props.state.withTicket((ticket) => props.api.setHand(ticket, !handRaised())))}
          />
        </Show>
        <Show when={publishing().allowed}>
          <ControlButton
            testId="toggle-microphone"
            pressed={publishing().microphone}
            label={t(publishing().microphone ? 'room.controls.microphoneOff' : 'room.controls.microphoneOn')}
            icon={publishing().microphone ? <MicrophoneIcon /> : <MicrophoneOffIcon />}
            onClick={() => act(() => local().setMicrophoneEnabled(!publishing().microphone))}
          />
          <ControlButton
            testId="toggle-camera"
            pressed={publishing().camera}
            label={t(publishing().camera ? 'room.controls.cameraOff' : 'room.controls.cameraOn')}
            icon={publishing().camera ? <CameraIcon /> : <CameraOffIcon />}
            onClick={() => act(() => local().setCameraEnabled(!publishing().camera))}
          />
          <ControlButton
            testId="toggle-screen-share"
            pressed={publishing().screen}
            label={t(publishing().screen ? 'room.controls.stopSharing' : 'room.controls.shareScreen')}
            icon={<ScreenShareIcon />}
            onClick={() => act(() => local().setScreenShareEnabled(!publishing().screen, { audio: true }))}
          />
        </Show>
        <Show when={isAudience() && me().stage === 'on_stage'}>
          <button
            type="button"
            class="button button--small button--danger-quiet room-controls__leave"
            data-testid="leave-stage"
            onClick={() => act(() => props.state.withTicket((ticket) => props.api.leaveStage(ticket)))}
          >
            <LeaveIcon size={20} />
            {t('room.controls.leaveStage')}
          </button>
        </Show>
        {props.children}
        <label class="room-switch room-controls__save-data" title={t('room.stage.lowBandwidthHint')}>
          <input
            type="checkbox"
            data-testid="low-bandwidth"
            checked={props.lowBandwidth}
            onChange={(event) => props.onLowBandwidth(event.currentTarget.checked)}
          />
          {t('room.stage.lowBandwidth')}
        </label>
      </div>
      <Show when={isAudience() && handRaised() && me().stage === 'none'}>
        <p class="room-controls__note" role="status">
          {t('room.controls.handRaised')}
        </p>
      </Show>
      <Show when={props.state.mediaFailures().length > 0}>
        <p class="notice notice--problem room-controls__note">{t('room.stage.mediaFailed')}</p>
      </Show>
      <Show when={problem()}>
        {(message) => (
          <p class="notice notice--problem room-controls__note" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </div>
  );
}

function ControlButton(props: {
  testId: string;
  pressed: boolean;
  label: string;
  icon: JSX.Element;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      class="room-control"
      classList={{ 'room-control--on': props.pressed }}
      data-on={props.pressed ? 'true' : 'false'}
      data-testid={props.testId}
      onClick={() => props.onClick()}
    >
      {props.icon}
      <span class="room-control__label">{props.label}</span>
    </button>
  );
}
