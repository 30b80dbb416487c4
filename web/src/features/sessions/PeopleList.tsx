import { For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { PersonPhoto } from './PersonPhoto.tsx';

interface ListedPerson {
  role: 'speaker' | 'moderator';
  name: string;
  title?: string;
  email?: string;
  photoUrl?: string | null;
}

/**
 * The people of a session in the editor; `note` says what happens to those not yet saved,
 * `actions` what can be done to each one.
 */
export function PeopleList<P extends ListedPerson>(props: {
  people: P[];
  note?: string;
  actions?: (person: P) => JSX.Element;
}) {
  const { t } = useI18n();
  return (
    <Show when={props.people.length > 0} fallback={<p class="empty-state">{t('people.none')}</p>}>
      <ul class="people-list">
        <For each={props.people}>
          {(person) => (
            <li class="people-list__item">
              <PersonPhoto name={person.name} photoUrl={person.photoUrl ?? null} />
              <span class="people-list__text">
                <strong>{person.name}</strong>
                <span>{[person.title, person.email].filter(Boolean).join(' · ')}</span>
              </span>
              <span class="badge">{t(person.role === 'speaker' ? 'people.speaker' : 'people.moderator')}</span>
              {props.actions?.(person)}
            </li>
          )}
        </For>
      </ul>
      <Show when={props.note}>
        <p class="field__hint">{props.note}</p>
      </Show>
    </Show>
  );
}
