import { type AddSessionPersonRequest, addSessionPersonRequestSchema, type SessionRole } from '@serambi/shared';
import { createUniqueId } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, type FieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { enterRunsInstead, PersonNameField, PersonPresentationFields } from './PersonFields.tsx';

const EMPTY = { role: 'speaker' as SessionRole, name: '', email: '', title: '', bio: '', photoUrl: '' };

/**
 * A speaker or moderator: who they are on the page (name, title, bio, photo) and where their
 * invitation goes. Not a <form> of its own, so it can sit inside the session form.
 */
export function PersonForm(props: {
  pending: boolean;
  error: unknown;
  serverErrors: FieldErrors;
  submitLabel: string;
  onSubmit: (person: AddSessionPersonRequest, reset: () => void) => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = createStore({ ...EMPTY });
  const checks = createFieldErrors();
  const errorOf = (field: string) => checks.errors()[field] ?? props.serverErrors[field];
  const roleName = createUniqueId();
  let root: HTMLFieldSetElement | undefined;

  const edit = (field: keyof typeof values, value: string) => {
    setValues(field, value as never);
    checks.clear(field);
  };

  const submit = () => {
    if (props.pending) return;
    const request: AddSessionPersonRequest = {
      role: values.role,
      name: values.name,
      email: values.email.trim(),
      title: values.title,
      bio: values.bio,
      photoUrl: values.photoUrl.trim() || null,
    };
    const checked = validateWith(addSessionPersonRequestSchema, request, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok) return focusFirstInvalid(root);
    props.onSubmit(request, () => setValues({ ...EMPTY }));
  };

  return (
    <fieldset ref={root} class="person-form" onKeyDown={enterRunsInstead(submit)}>
      <legend class="form-section__subheading">{t('people.addHeading')}</legend>
      <FormProblem error={props.error} />
      <div class="field">
        <span class="field__label" id={roleName}>
          {t('people.role')}
        </span>
        <div class="segmented" role="radiogroup" aria-labelledby={roleName}>
          <label class="segmented__option">
            <input
              type="radio"
              name={roleName}
              checked={values.role === 'speaker'}
              onChange={() => edit('role', 'speaker')}
            />
            {t('people.speaker')}
          </label>
          <label class="segmented__option">
            <input
              type="radio"
              name={roleName}
              checked={values.role === 'moderator'}
              onChange={() => edit('role', 'moderator')}
            />
            {t('people.moderator')}
          </label>
        </div>
      </div>
      <div class="field-row">
        <PersonNameField name={values.name} errorOf={errorOf} onEdit={edit} />
        <Field label={t('people.email')} hint={t('people.emailHint')} error={errorOf('email')}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              type="email"
              inputmode="email"
              value={values.email}
              onInput={(e) => edit('email', e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <PersonPresentationFields values={values} titleHint={t('people.titleHint')} errorOf={errorOf} onEdit={edit} />
      <button type="button" class="button" aria-disabled={props.pending} onClick={submit}>
        {props.submitLabel}
      </button>
    </fieldset>
  );
}
