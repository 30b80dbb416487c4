import { type SessionPerson, updateSessionPersonRequestSchema } from '@serambi/shared';
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { enterRunsInstead, PersonNameField, PersonPresentationFields } from './PersonFields.tsx';
import { useRemoveSessionPerson, useUpdateSessionPerson } from './sessions-api.ts';

/** Edit how a saved speaker or moderator is presented, or remove them from this session. */
export function SessionPersonActions(props: { sessionRef: string; person: SessionPerson }) {
  const { t } = useI18n();
  const update = useUpdateSessionPerson(() => props.sessionRef);
  const remove = useRemoveSessionPerson(() => props.sessionRef);
  const [editing, setEditing] = createSignal(false);
  const [removing, setRemoving] = createSignal(false);
  const [values, setValues] = createStore({ name: '', title: '', bio: '', photoUrl: '' });
  const checks = createFieldErrors();
  const errorOf = (field: string) => checks.errors()[field] ?? problemFieldErrors(update.error)[field];

  const startEditing = () => {
    setValues({
      name: props.person.name,
      title: props.person.title,
      bio: props.person.bio,
      photoUrl: props.person.photoUrl ?? '',
    });
    checks.set({});
    update.reset();
    setEditing(true);
  };
  const edit = (field: keyof typeof values, value: string) => {
    setValues(field, value);
    checks.clear(field);
  };
  const save = () => {
    const changes = { ...values, name: values.name.trim(), photoUrl: values.photoUrl.trim() || null };
    const checked = validateWith(updateSessionPersonRequestSchema, changes, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok || update.isPending) return;
    update.mutate({ personId: props.person.id, changes }, { onSuccess: () => setEditing(false) });
  };

  return (
    <span class="people-list__actions">
      <button
        type="button"
        class="button button--small"
        aria-label={t('people.editLabel', { name: props.person.name })}
        onClick={startEditing}
      >
        {t('people.edit')}
      </button>
      <button
        type="button"
        class="button button--small button--danger-quiet"
        aria-label={t('people.removeLabel', { name: props.person.name })}
        onClick={() => setRemoving(true)}
      >
        {t('people.remove')}
      </button>
      <ConfirmDialog
        open={editing()}
        title={t('people.editHeading', { name: props.person.name })}
        confirmLabel={t('people.save')}
        pending={update.isPending}
        onClose={() => setEditing(false)}
        onConfirm={save}
      >
        <fieldset class="form-stack person-edit" onKeyDown={enterRunsInstead(save)}>
          <FormProblem error={update.error} />
          <PersonNameField name={values.name} errorOf={errorOf} onEdit={edit} />
          <PersonPresentationFields values={values} errorOf={errorOf} onEdit={edit} />
        </fieldset>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing()}
        title={t('people.removeTitle')}
        confirmLabel={t('people.removeConfirm')}
        danger
        pending={remove.isPending}
        onClose={() => setRemoving(false)}
        onConfirm={() => remove.mutate(props.person.id, { onSuccess: () => setRemoving(false) })}
      >
        <p>{t('people.removeBody', { name: props.person.name })}</p>
        <FormProblem error={remove.error} />
      </ConfirmDialog>
    </span>
  );
}
