import { CERTIFICATE_NUMBER_INPUT_MAX_LENGTH } from '@serambi/shared';
import { useNavigate } from '@solidjs/router';
import { createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { certificateNumberOf } from './verify-number.ts';

/**
 * Type a certificate's number and check it: what people type (any case, spaces, O for 0) is
 * made the number it stands for before going to its verification page.
 */
export function VerifyNumberForm(props: { heading?: string; class?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [typed, setTyped] = createSignal('');
  const [error, setError] = createSignal<string>();
  const headingId = createUniqueId();
  let input: HTMLInputElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const number = certificateNumberOf(typed());
    if (!number) {
      setError(t('certificates.verify.numberInvalid'));
      input?.focus();
      return;
    }
    setError(undefined);
    navigate(`/verify/${number}`);
  };

  return (
    <form
      class={`card verify-form ${props.class ?? ''}`}
      onSubmit={submit}
      novalidate
      aria-labelledby={props.heading ? headingId : undefined}
      aria-label={props.heading ? undefined : t('certificates.verify.heading')}
      data-testid="verify-form"
    >
      {props.heading && (
        <h2 id={headingId} class="verify-form__heading">
          {props.heading}
        </h2>
      )}
      <div class="verify-form__row">
        <Field
          label={t('certificates.verify.numberLabel')}
          hint={t('certificates.verify.numberHint')}
          error={error()}
          class="verify-form__field"
        >
          {(control) => (
            <input
              {...control}
              ref={input}
              class="field__control verify-form__input"
              value={typed()}
              placeholder="SRB-XXXX-XXXX-XXXX-XXXX"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={CERTIFICATE_NUMBER_INPUT_MAX_LENGTH}
              data-testid="verify-number"
              onInput={(e) => {
                setTyped(e.currentTarget.value);
                setError(undefined);
              }}
            />
          )}
        </Field>
        <button type="submit" class="button button--primary verify-form__submit">
          {t('certificates.verify.submit')}
        </button>
      </div>
    </form>
  );
}
