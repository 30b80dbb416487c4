import { createStore } from 'solid-js/store';
import { createFieldErrors, type FieldErrors } from './field-errors.ts';

/**
 * The text values of a simple form with their errors: the browser's own checks first, then what
 * the server said; editing a field clears its check.
 */
export function createFormValues<Field extends string>(
  initial: Record<Field, string>,
  serverErrors: () => FieldErrors,
) {
  const [values, setValues] = createStore<Record<Field, string>>({ ...initial });
  const checks = createFieldErrors();
  return {
    values,
    /** Marks fields invalid after the browser's own checks on submit. */
    setChecks: checks.set,
    errorOf: (field: Field): string | undefined => checks.errors()[field] ?? serverErrors()[field],
    edit(field: Field, value: string) {
      setValues((current) => ({ ...current, [field]: value }));
      checks.clear(field);
    },
  };
}
