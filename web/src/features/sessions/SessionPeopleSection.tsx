import type { AddSessionPersonRequest, SessionPerson } from '@serambi/shared';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormSection } from '../../ui/form/FormSection.tsx';
import { problemFieldErrors } from '../../ui/form/field-errors.ts';
import { PeopleList } from './PeopleList.tsx';
import { PersonForm } from './PersonForm.tsx';
import { SessionPersonActions } from './SessionPersonActions.tsx';

/** Speakers and moderators: invited by mail at once on a saved session, on saving for a new one. */
export function SessionPeopleSection(props: {
  people: Array<SessionPerson | AddSessionPersonRequest>;
  saved: boolean;
  /** The saved session's address, where people can be edited and removed. */
  sessionRef?: string;
  pending: boolean;
  error: unknown;
  onAdd: (person: AddSessionPersonRequest, reset: () => void) => void;
}) {
  const { t } = useI18n();
  return (
    <FormSection heading={t('people.heading')}>
      <p class="field__hint">{t('people.hint')}</p>
      <PeopleList
        people={props.people}
        note={props.saved ? undefined : t('people.invitedOnSave')}
        actions={(person) =>
          props.sessionRef && 'id' in person ? (
            <SessionPersonActions sessionRef={props.sessionRef} person={person} />
          ) : null
        }
      />
      <PersonForm
        pending={props.pending}
        error={props.error}
        serverErrors={problemFieldErrors(props.error)}
        submitLabel={props.saved ? t('people.addAndInvite') : t('people.add')}
        onSubmit={props.onAdd}
      />
    </FormSection>
  );
}
