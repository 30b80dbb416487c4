import {
  COMMUNITY_SLUG_MAX_LENGTH,
  createCommunityRequestSchema,
  IANA_ZONES_ID,
  type MyCommunity,
} from '@serambi/shared';
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { viewerTimeZone } from '../time/wall-clock.ts';
import { CommunityFields, type CommunityFieldValues } from './CommunityFields.tsx';
import { useCreateCommunity } from './communities-api.ts';
import { suggestSlug } from './slug.ts';

/** A browser in Indonesia suggests its own zone; anywhere else, WIB. */
function suggestedTimeZone(): string {
  const zone = viewerTimeZone();
  return IANA_ZONES_ID.some((candidate) => candidate.timeZone === zone) ? zone : 'Asia/Jakarta';
}

export function CreateCommunityForm(props: { onCreated: (community: MyCommunity) => void }) {
  const { t } = useI18n();
  const create = useCreateCommunity();
  const [values, setValues] = createStore<CommunityFieldValues & { slug: string }>({
    name: '',
    slug: '',
    description: '',
    logoUrl: '',
    timeZone: suggestedTimeZone(),
  });
  // The address follows the name until the organizer writes one of their own.
  const [slugEdited, setSlugEdited] = createSignal(false);
  const checks = createFieldErrors();
  const serverErrors = () => {
    const error = create.error;
    // A taken address is a conflict, not a validation error: its message belongs next to the address.
    if (error instanceof ApiProblem && error.status === 409) return { slug: error.problem?.detail ?? '' };
    return problemFieldErrors(error);
  };
  const errorOf = (field: string) => checks.errors()[field] ?? serverErrors()[field];
  let form: HTMLFormElement | undefined;

  const change = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => {
    setValues(field, value);
    checks.clear(field);
    if (field === 'name' && !slugEdited()) setValues('slug', suggestSlug(String(value)));
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const request = {
      name: values.name,
      slug: values.slug,
      description: values.description,
      logoUrl: values.logoUrl.trim() || undefined,
      timeZone: values.timeZone,
    };
    const checked = validateWith(createCommunityRequestSchema, request, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok) return focusFirstInvalid(form);
    create.mutate(request, { onSuccess: props.onCreated });
  };

  return (
    <form ref={form} class="form-stack" onSubmit={submit} novalidate>
      <FormProblem error={create.error} />
      <CommunityFields
        values={values}
        errorOf={errorOf}
        onChange={change}
        afterName={
          <Field
            label={t('communities.slug')}
            hint={t('communities.slugHint', { origin: location.host })}
            error={errorOf('slug')}
          >
            {(control) => (
              <div class="input-with-prefix">
                <span class="input-with-prefix__prefix" aria-hidden="true">
                  /c/
                </span>
                <input
                  {...control}
                  class="field__control"
                  autocapitalize="none"
                  spellcheck={false}
                  maxLength={COMMUNITY_SLUG_MAX_LENGTH}
                  value={values.slug}
                  onInput={(e) => {
                    setSlugEdited(e.currentTarget.value !== '');
                    change('slug', e.currentTarget.value.toLowerCase());
                  }}
                />
              </div>
            )}
          </Field>
        }
      />
      <button type="submit" class="button button--primary button--wide" aria-disabled={create.isPending}>
        {create.isPending ? t('communities.creating') : t('communities.create')}
      </button>
    </form>
  );
}
