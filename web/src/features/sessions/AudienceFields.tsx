import { SESSION_VISIBILITIES, type SessionVisibility } from '@serambi/shared';
import { For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, FieldError } from '../../ui/form/Field.tsx';

/** How many seats (empty for no limit) and who can find the page. */
export function AudienceFields(props: {
  capacity: string;
  visibility: SessionVisibility;
  errorOf: (field: string) => string | undefined;
  onCapacity: (value: string) => void;
  onVisibility: (value: SessionVisibility) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('editor.capacity')} hint={t('editor.capacityHint')} optional error={props.errorOf('capacity')}>
        {(control) => (
          <input
            {...control}
            class="field__control field__control--short"
            type="number"
            inputmode="numeric"
            min="1"
            step="1"
            value={props.capacity}
            onInput={(e) => props.onCapacity(e.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset class="field">
        <legend class="field__label">{t('editor.visibility')}</legend>
        <div class="choice-field__options">
          <For each={SESSION_VISIBILITIES}>
            {(visibility) => (
              <label class="checkbox checkbox--described">
                <input
                  type="radio"
                  class="checkbox__input"
                  name="visibility"
                  value={visibility}
                  checked={props.visibility === visibility}
                  onChange={() => props.onVisibility(visibility)}
                />
                <span>
                  <strong>{t(`sessions.visibility.${visibility}`)}</strong>
                  <span class="checkbox__description">{t(`editor.visibilityHint.${visibility}`)}</span>
                </span>
              </label>
            )}
          </For>
        </div>
        <FieldError message={props.errorOf('visibility')} />
      </fieldset>
    </>
  );
}
