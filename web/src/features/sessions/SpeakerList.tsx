import type { SessionPerson } from '@serambi/shared';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { PersonPhoto } from './PersonPhoto.tsx';
import './sessions.css';

/** Speakers first, then moderators, each with photo, title and bio. */
export function SpeakerList(props: { people: SessionPerson[] }) {
  const { t } = useI18n();
  const ordered = () => [...props.people].sort((a, b) => (a.role === b.role ? 0 : a.role === 'speaker' ? -1 : 1));
  return (
    <ul class="speaker-list">
      <For each={ordered()}>
        {(person) => (
          <li class="speaker">
            <PersonPhoto name={person.name} photoUrl={person.photoUrl} size="large" />
            <div class="speaker__text">
              <p class="speaker__role">{t(person.role === 'speaker' ? 'people.speaker' : 'people.moderator')}</p>
              <h3 class="speaker__name">{person.name}</h3>
              <Show when={person.title}>
                <p class="speaker__title">{person.title}</p>
              </Show>
              <Show when={person.bio}>
                <p class="speaker__bio">{person.bio}</p>
              </Show>
            </div>
          </li>
        )}
      </For>
    </ul>
  );
}
