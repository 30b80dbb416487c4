import {
  ANONYMOUS_QUESTIONS,
  type AnonymousQuestions,
  MAX_CHAT_SLOW_MODE_SECONDS,
  QA_MODES,
  type QaMode,
  type RoomSettings,
} from '@serambi/shared';
import { createUniqueId, For } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { useUpdateRoomSettings } from './console-api.ts';
import { NumberSettingForm } from './NumberSettingForm.tsx';

const ANONYMITY_LABELS = {
  off: 'interactionSettings.anonymousOff',
  moderators: 'interactionSettings.anonymousModerators',
  hidden: 'interactionSettings.anonymousHidden',
} as const;

/** How questions arrive (at once or reviewed) and whether, and from whom, an asker's name may be hidden. */
export function QaSettings(props: { settings: RoomSettings }) {
  const { t } = useI18n();
  const update = useUpdateRoomSettings();
  const id = createUniqueId();
  const save = (change: { qaMode?: QaMode; anonymousQuestions?: AnonymousQuestions }) => {
    if (!update.isPending) update.mutate(change);
  };
  return (
    <section class="console-section" aria-labelledby={`${id}-heading`} data-testid="qa-settings">
      <h4 id={`${id}-heading`} class="console-settings__heading">
        {t('interactionSettings.qaHeading')}
      </h4>
      <fieldset class="console-choice">
        <legend class="field__label">{t('interactionSettings.qaMode')}</legend>
        <For each={QA_MODES}>
          {(mode) => (
            <label class="console-choice__option">
              <input
                type="radio"
                name={`${id}-mode`}
                data-testid={`qa-mode-${mode}`}
                checked={props.settings.qaMode === mode}
                onChange={() => save({ qaMode: mode })}
              />
              <span>{mode === 'open' ? t('interactionSettings.qaOpen') : t('interactionSettings.qaReviewed')}</span>
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="console-choice" aria-describedby={`${id}-anonymity-hint`}>
        <legend class="field__label">{t('interactionSettings.anonymous')}</legend>
        <For each={ANONYMOUS_QUESTIONS}>
          {(rule) => (
            <label class="console-choice__option">
              <input
                type="radio"
                name={`${id}-anonymity`}
                data-testid={`anonymous-questions-${rule}`}
                checked={props.settings.anonymousQuestions === rule}
                onChange={() => save({ anonymousQuestions: rule })}
              />
              <span>{t(ANONYMITY_LABELS[rule])}</span>
            </label>
          )}
        </For>
        <p id={`${id}-anonymity-hint`} class="console-hint">
          {t('interactionSettings.anonymousHint')}
        </p>
      </fieldset>
      <FormProblem error={update.error} />
    </section>
  );
}

/** Closing the chat to participants, and slow mode: how long a participant waits between two messages. */
export function ChatSettings(props: { settings: RoomSettings }) {
  const { t } = useI18n();
  const toggle = useUpdateRoomSettings();
  const id = createUniqueId();

  return (
    <section class="console-section" aria-labelledby={`${id}-heading`} data-testid="chat-settings">
      <h4 id={`${id}-heading`} class="console-settings__heading">
        {t('interactionSettings.chatHeading')}
      </h4>
      <p id={`${id}-state`} class="console-hint" aria-live="polite">
        {props.settings.chatClosed ? t('interactionSettings.chatClosedState') : t('interactionSettings.chatOpenState')}
      </p>
      <div>
        <button
          type="button"
          class="button button--small"
          data-testid="toggle-chat"
          aria-describedby={`${id}-state`}
          aria-disabled={toggle.isPending}
          onClick={() => {
            if (!toggle.isPending) toggle.mutate({ chatClosed: !props.settings.chatClosed });
          }}
        >
          {props.settings.chatClosed ? t('interactionSettings.openChat') : t('interactionSettings.closeChat')}
        </button>
      </div>
      <FormProblem error={toggle.error} />
      <NumberSettingForm
        setting="chatSlowModeSeconds"
        current={props.settings.chatSlowModeSeconds}
        max={MAX_CHAT_SLOW_MODE_SECONDS}
        label={t('interactionSettings.slowMode')}
        hint={t('interactionSettings.slowModeHint', { max: MAX_CHAT_SLOW_MODE_SECONDS })}
        saveLabel={t('interactionSettings.saveSlowMode')}
        testId="chat-slow-mode"
      />
    </section>
  );
}
