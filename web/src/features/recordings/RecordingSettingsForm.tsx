import { REPLAY_ACCESS, type RecordingSettings, type UpdateRecordingSettingsRequest } from '@serambi/shared';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CheckboxField } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useUpdateRecordingSettings } from './recordings-api.ts';

/**
 * Who may watch the replay, and recording by itself on going live (this session, or every
 * session of its series). Each change is saved as it is made.
 */
export function RecordingSettingsForm(props: { sessionRef: string; settings: RecordingSettings }) {
  const { t } = useI18n();
  const update = useUpdateRecordingSettings(() => props.sessionRef);
  const [saved, setSaved] = createSignal(false);
  // The change being saved shows at once; a refused one falls back to what the server holds.
  const [pending, setPending] = createSignal<UpdateRecordingSettingsRequest>({});
  const shown = (): RecordingSettings => ({ ...props.settings, ...pending() });
  const id = createUniqueId();

  const save = (change: UpdateRecordingSettingsRequest) => {
    setSaved(false);
    setPending((held) => ({ ...held, ...change }));
    // Per call, not per mutation: a second change before the first is answered must not lose it.
    update
      .mutateAsync(change)
      .then(() => setSaved(true))
      .catch(() => undefined) // shown by FormProblem below
      .finally(() =>
        setPending((held) => {
          const rest: Record<string, unknown> = { ...held };
          for (const key of Object.keys(change)) delete rest[key];
          return rest as UpdateRecordingSettingsRequest;
        }),
      );
  };

  return (
    <section class="recording-settings" aria-labelledby={`${id}-heading`} data-testid="recording-settings">
      <h3 id={`${id}-heading`} class="recording-settings__heading">
        {t('recordings.settingsHeading')}
      </h3>
      <fieldset class="field" aria-describedby={`${id}-access-hint`}>
        <legend class="field__label">{t('recordings.access')}</legend>
        <p id={`${id}-access-hint`} class="field__hint">
          {t('recordings.accessHint')}
        </p>
        <div class="choice-field__options">
          <For each={REPLAY_ACCESS}>
            {(access) => (
              <label class="checkbox">
                <input
                  type="radio"
                  class="checkbox__input"
                  name={`${id}-access`}
                  data-testid={`replay-access-${access}`}
                  checked={shown().replayAccess === access}
                  onChange={() => save({ replayAccess: access })}
                />
                <span>{t(`recordings.accessOptions.${access}`)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <div class="recording-settings__auto">
        <CheckboxField
          label={t('recordings.autoRecord')}
          checked={shown().autoRecord}
          hint={shown().seriesAutoRecord === null ? t('recordings.autoRecordHint') : undefined}
          onChange={(autoRecord) => save({ autoRecord })}
        />
        <Show when={shown().seriesAutoRecord !== null}>
          <CheckboxField
            label={t('recordings.seriesAutoRecord')}
            checked={shown().seriesAutoRecord ?? false}
            hint={t('recordings.autoRecordHint')}
            onChange={(seriesAutoRecord) => save({ seriesAutoRecord })}
          />
        </Show>
      </div>
      <p role="status" class="recording-settings__saved">
        <Show when={saved()}>{t('recordings.saved')}</Show>
      </p>
      <FormProblem error={update.error} />
    </section>
  );
}
