import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { LiveRoom } from './create-live-room.ts';
import { SoundIcon } from './room-icons.tsx';

/** "Turn on sound" while the browser keeps the room's audio from playing (its autoplay rule). */
export function StartAudioPrompt(props: { live: LiveRoom; class?: string }) {
  const { t } = useI18n();
  return (
    <Show when={!props.live.canPlayAudio()}>
      <div class={props.class ? `stage__prompt ${props.class}` : 'stage__prompt'} role="alert">
        <button
          type="button"
          class="button button--primary"
          data-testid="start-audio"
          onClick={() => void props.live.room.startAudio()}
        >
          <SoundIcon />
          {t('room.stage.startAudio')}
        </button>
        <p class="stage__prompt-hint">{t('room.stage.startAudioHint')}</p>
      </div>
    </Show>
  );
}
