import { intlLocaleOf, type Registrant, type RegistrationQuestion } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LineIcon } from '../../ui/LineIcon.tsx';
import { registrantsCsvUrl, registrantsQuery } from './registrations-api.ts';
import './registrations.css';

const SEARCH_DELAY_MS = 250;

/** Everyone who registered, searchable by name or email, with their answers and a CSV export. */
export function RegistrantsTable(props: { sessionRef: string; questions: RegistrationQuestion[] }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [typed, setTyped] = createSignal('');
  const [search, setSearch] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const registrants = useQuery(() => registrantsQuery(api, props.sessionRef, search()));
  const searchId = createUniqueId();
  const captionId = createUniqueId();
  const registeredAt = (registrant: Registrant) =>
    new Intl.DateTimeFormat(intlLocaleOf(locale()), { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(registrant.registeredAt),
    );
  const answerText = (value: string | boolean | undefined) =>
    value === undefined ? '' : typeof value === 'boolean' ? t(value ? 'registrants.yes' : 'registrants.no') : value;

  return (
    <div class="registrants">
      <div class="registrants__tools">
        <div class="field registrants__search">
          <label class="field__label" for={searchId}>
            {t('registrants.search')}
          </label>
          <input
            id={searchId}
            class="field__control"
            type="search"
            value={typed()}
            onInput={(e) => {
              const value = e.currentTarget.value;
              setTyped(value);
              clearTimeout(timer);
              timer = setTimeout(() => setSearch(value.trim()), SEARCH_DELAY_MS);
            }}
          />
        </div>
        <a class="button" href={registrantsCsvUrl(props.sessionRef)} rel="external" download="">
          <LineIcon size={18}>
            <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19h14" />
          </LineIcon>
          {t('registrants.exportCsv')}
        </a>
      </div>
      <p role="status" class="registrants__count">
        <Show when={registrants.data}>{(list) => <>{t('registrants.count', { count: list().length })}</>}</Show>
      </p>
      <Show when={registrants.data && registrants.data.length > 0}>
        {/* Scrolls sideways on a phone; focusable so a keyboard can scroll it too. */}
        <section class="table-scroll" tabindex="0" aria-labelledby={captionId}>
          <table class="table">
            <caption id={captionId} class="visually-hidden">
              {t('registrants.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('registrants.name')}</th>
                <th scope="col">{t('registrants.status')}</th>
                <th scope="col">{t('registrants.registeredAt')}</th>
                <For each={props.questions}>{(question) => <th scope="col">{question.label}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={registrants.data}>
                {(registrant) => (
                  <tr>
                    <th scope="row">
                      <span class="table__primary">{registrant.name}</span>
                      <span class="table__secondary">{registrant.email}</span>
                    </th>
                    <td>
                      <span class={`badge badge--${registrant.status}`}>
                        {registrant.status === 'waitlisted'
                          ? t('registrants.waitlistedAt', { position: registrant.waitlistPosition ?? 0 })
                          : t(`registrants.statuses.${registrant.status}`)}
                      </span>
                    </td>
                    <td>{registeredAt(registrant)}</td>
                    <For each={props.questions}>
                      {(question) => <td>{answerText(registrant.answers[question.id])}</td>}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
      <Show when={registrants.data?.length === 0}>
        <p class="empty-state">{search() ? t('registrants.noMatch') : t('registrants.none')}</p>
      </Show>
    </div>
  );
}
