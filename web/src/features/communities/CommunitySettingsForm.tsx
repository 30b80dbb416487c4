import { type Community, updateCommunityRequestSchema } from '@serambi/shared';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { CommunityFields, type CommunityFieldValues } from './CommunityFields.tsx';
import { useUpdateCommunity } from './communities-api.ts';

export function CommunitySettingsForm(props: { community: Community }) {
  const { t } = useI18n();
  const update = useUpdateCommunity(() => props.community.slug);
  const [values, setValues] = createStore<CommunityFieldValues>({
    name: props.community.name,
    description: props.community.description,
    logoUrl: props.community.logoUrl ?? '',
    timeZone: props.community.timeZone,
  });
  const [saved, setSaved] = createSignal(false);
  const checks = createFieldErrors();
  const errorOf = (field: string) => checks.errors()[field] ?? problemFieldErrors(update.error)[field];
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    const request = { ...values, logoUrl: values.logoUrl.trim() || null };
    const checked = validateWith(updateCommunityRequestSchema, request, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok) return focusFirstInvalid(form);
    update.mutate(request, { onSuccess: () => setSaved(true) });
  };

  return (
    <form ref={form} class="form-stack" onSubmit={submit} novalidate>
      <FormProblem error={update.error} />
      <CommunityFields
        values={values}
        errorOf={errorOf}
        onChange={(field, value) => {
          setValues(field, value);
          checks.clear(field);
          setSaved(false);
        }}
      />
      <div class="form-actions">
        <button type="submit" class="button button--primary" aria-disabled={update.isPending}>
          {update.isPending ? t('forms.saving') : t('forms.save')}
        </button>
        <p role="status" class="form-actions__status">
          <Show when={saved()}>{t('forms.saved')}</Show>
        </p>
      </div>
    </form>
  );
}
