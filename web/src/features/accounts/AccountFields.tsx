import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { MIN_PASSWORD_LENGTH } from './account-checks.ts';

interface AccountFieldProps {
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}

/** The email address an account signs in with. */
export function EmailField(props: AccountFieldProps) {
  const { t } = useI18n();
  return (
    <Field label={t('auth.email')} error={props.error}>
      {(control) => (
        <input
          {...control}
          class="field__control"
          type="email"
          autocomplete="email"
          inputmode="email"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The password someone already has, as password managers fill it in. */
export function CurrentPasswordField(props: AccountFieldProps) {
  const { t } = useI18n();
  return (
    <Field label={t('auth.password')} error={props.error}>
      {(control) => (
        <input
          {...control}
          class="field__control"
          type="password"
          autocomplete="current-password"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A password being chosen, with how long it must be. */
export function NewPasswordField(props: AccountFieldProps & { label: string }) {
  const { t } = useI18n();
  return (
    <Field label={props.label} hint={t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH })} error={props.error}>
      {(control) => (
        <input
          {...control}
          class="field__control"
          type="password"
          autocomplete="new-password"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
