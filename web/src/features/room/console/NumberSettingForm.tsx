import { updateRoomSettingsRequestSchema } from '@serambi/shared';
import { createSignal } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { Field } from '../../../ui/form/Field.tsx';
import { FormProblem } from '../../../ui/form/FormProblem.tsx';
import { problemFieldErrors } from '../../../ui/form/field-errors.ts';
import { validateWith } from '../../../ui/form/validate-with.ts';
import { useUpdateRoomSettings } from './console-api.ts';

/** The room settings that are a whole number a moderator types: the stage's guest limit, slow mode. */
type NumberSetting = 'stageGuestLimit' | 'chatSlowModeSeconds';

/**
 * One number of the room's settings, typed and saved on its own: checked with the request's
 * schema before it leaves, the server's field error shown under the field, "saved" after.
 */
export function NumberSettingForm(props: {
  setting: NumberSetting;
  current: number;
  max: number;
  label: string;
  hint: string;
  saveLabel: string;
  testId: string;
}) {
  const { t } = useI18n();
  const update = useUpdateRoomSettings();
  const [draft, setDraft] = createSignal<string>();
  const [checkError, setCheckError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  const value = () => draft() ?? String(props.current);
  const errorOf = () => checkError() ?? problemFieldErrors(update.error)[props.setting];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    const typed = value().trim();
    const checked = validateWith(
      updateRoomSettingsRequestSchema,
      { [props.setting]: typed === '' ? undefined : Number(typed) },
      t,
    );
    if (!checked.ok || typed === '') {
      setCheckError(checked.ok ? t('forms.required') : checked.errors[props.setting]);
      return;
    }
    update.mutate(checked.data, {
      onSuccess: () => {
        setDraft(undefined);
        setSaved(true);
      },
    });
  };

  return (
    <form class="console-section" onSubmit={submit} novalidate>
      <Field label={props.label} hint={props.hint} error={errorOf()}>
        {(control) => (
          <input
            {...control}
            class="field__control console-settings__number"
            type="number"
            inputmode="numeric"
            min="0"
            max={props.max}
            step="1"
            data-testid={props.testId}
            value={value()}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              setCheckError(undefined);
              setSaved(false);
            }}
          />
        )}
      </Field>
      <div class="button-row">
        <button type="submit" class="button button--small" aria-disabled={update.isPending}>
          {props.saveLabel}
        </button>
        <span role="status" class="console-saved">
          {saved() ? t('roomConsole.settings.saved') : ''}
        </span>
      </div>
      <FormProblem error={problemFieldErrors(update.error)[props.setting] ? null : update.error} />
    </form>
  );
}
