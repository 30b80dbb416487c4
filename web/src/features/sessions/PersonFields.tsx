import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';

/** How a speaker or moderator is presented on the session page. */
export interface PersonPresentation {
  title: string;
  bio: string;
  photoUrl: string;
}

interface PersonFieldProps<Field extends string> {
  errorOf: (field: string) => string | undefined;
  onEdit: (field: Field, value: string) => void;
}

/** The person's name as it appears on the page. */
export function PersonNameField(props: PersonFieldProps<'name'> & { name: string }) {
  const { t } = useI18n();
  return (
    <Field label={t('people.name')} error={props.errorOf('name')}>
      {(control) => (
        <input
          {...control}
          class="field__control"
          value={props.name}
          onInput={(e) => props.onEdit('name', e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** Title, bio and photo of a speaker or moderator: all optional. */
export function PersonPresentationFields(
  props: PersonFieldProps<keyof PersonPresentation> & { values: PersonPresentation; titleHint?: string },
) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('people.title')} hint={props.titleHint} optional error={props.errorOf('title')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            value={props.values.title}
            onInput={(e) => props.onEdit('title', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('people.bio')} optional error={props.errorOf('bio')}>
        {(control) => (
          <textarea
            {...control}
            class="field__control"
            rows="3"
            value={props.values.bio}
            onInput={(e) => props.onEdit('bio', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('people.photoUrl')} optional error={props.errorOf('photoUrl')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="url"
            inputmode="url"
            placeholder="https://"
            value={props.values.photoUrl}
            onInput={(e) => props.onEdit('photoUrl', e.currentTarget.value)}
          />
        )}
      </Field>
    </>
  );
}

/**
 * A keydown handler for a person's fieldset inside the session form: Enter in one of its inputs
 * runs `action` (add or save the person) instead of sending the session form around it.
 */
export function enterRunsInstead(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      action();
    }
  };
}
