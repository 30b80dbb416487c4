import { REGISTRATION_ANSWER_MAX_LENGTH, type RegistrationQuestion } from '@serambi/shared';
import { createUniqueId, For, Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CheckboxField, Field, FieldError } from '../../ui/form/Field.tsx';

export type Answer = string | boolean;

interface QuestionFieldProps {
  question: RegistrationQuestion;
  value: Answer | undefined;
  error: string | undefined;
  onChange: (value: Answer) => void;
}

/** One of the organizer's questions as a form control: a text box, a set of choices, or a checkbox. */
export function QuestionField(props: QuestionFieldProps) {
  return (
    <Switch>
      <Match when={props.question.kind === 'short-text'}>
        <Field label={props.question.label} optional={!props.question.required} error={props.error}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              value={typeof props.value === 'string' ? props.value : ''}
              maxLength={REGISTRATION_ANSWER_MAX_LENGTH}
              onInput={(e) => props.onChange(e.currentTarget.value)}
            />
          )}
        </Field>
      </Match>
      <Match when={props.question.kind === 'choice' && props.question}>
        {(question) => <ChoiceField {...props} options={'options' in question() ? question().options : []} />}
      </Match>
      <Match when={props.question.kind === 'checkbox'}>
        <CheckboxField
          label={props.question.label}
          checked={props.value === true}
          error={props.error}
          onChange={(checked) => props.onChange(checked)}
        />
      </Match>
    </Switch>
  );
}

function ChoiceField(props: QuestionFieldProps & { options: string[] }) {
  const { t } = useI18n();
  const name = createUniqueId();
  return (
    <fieldset class="field choice-field" aria-invalid={props.error ? true : undefined}>
      <legend class="field__label">
        {props.question.label}
        {props.question.required ? '' : ` ${t('forms.optional')}`}
      </legend>
      <div class="choice-field__options">
        <For each={props.options}>
          {(option) => (
            <label class="checkbox">
              <input
                type="radio"
                class="checkbox__input"
                name={name}
                value={option}
                checked={props.value === option}
                aria-describedby={props.error ? `${name}-error` : undefined}
                onChange={() => props.onChange(option)}
              />
              <span>{option}</span>
            </label>
          )}
        </For>
      </div>
      <FieldError id={`${name}-error`} message={props.error} />
    </fieldset>
  );
}
