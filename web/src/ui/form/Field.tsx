import { createUniqueId, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LineIcon } from '../LineIcon.tsx';
import './forms.css';

/** What a control needs to be tied to its label, hint and error. */
export interface ControlAttributes {
  id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Marks the label "(optional)": every other field is required. */
  optional?: boolean;
  class?: string;
  /** Spread `control` onto the input, select or textarea. */
  children: (control: ControlAttributes) => JSX.Element;
}

/** A labelled control with its hint and, when there is one, its error right beneath it. */
export function Field(props: FieldProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const control: ControlAttributes = {
    id: `${id}-control`,
    get 'aria-invalid'() {
      return props.error ? true : undefined;
    },
    get 'aria-describedby'() {
      const ids = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean);
      return ids.length > 0 ? ids.join(' ') : undefined;
    },
  };
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label class="field__label" for={control.id}>
        {props.label}
        <Show when={props.optional}>
          <span class="field__optional"> {t('forms.optional')}</span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p id={hintId} class="field__hint">
          {props.hint}
        </p>
      </Show>
      {props.children(control)}
      <FieldError id={errorId} message={props.error} />
    </div>
  );
}

export function FieldError(props: { id?: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p id={props.id} class="field__error">
        <LineIcon size={18}>
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7.5v5.5M12 16.2v.1" />
        </LineIcon>
        <span>{props.message}</span>
      </p>
    </Show>
  );
}

/** A checkbox with its label on the right, as people expect. */
export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const id = createUniqueId();
  return (
    <div class="field field--checkbox">
      <label class="checkbox">
        <input
          type="checkbox"
          class="checkbox__input"
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />
        <span>{props.label}</span>
      </label>
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="field__hint">
          {props.hint}
        </p>
      </Show>
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

/** Moves focus to the first field marked invalid (a group's first choice), once Solid has drawn the marks. */
export function focusFirstInvalid(form: HTMLElement | undefined) {
  requestAnimationFrame(() => {
    const marked = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const control = marked?.matches('input, select, textarea')
      ? marked
      : marked?.querySelector<HTMLElement>('input, select, textarea');
    control?.focus();
  });
}
