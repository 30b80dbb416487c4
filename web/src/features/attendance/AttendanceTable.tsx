import type { Attendee, CertificateStatus } from '@serambi/shared';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { numberFormatter } from './number-format.ts';
import { PRESENCE_FILTERS, type PresenceFilter, presenceCounts, visiblePeople } from './people.ts';

/** A large session's list starts with this many rows (the longest stays); the rest on request. */
const FIRST_ROWS = 50;

/**
 * Everyone registered, and anyone who came in without registering: minutes in the room, share
 * of the session, connections, feedback and certificate. Longest stay first; a search over
 * name and email and a filter for who came.
 */
export function AttendanceTable(props: {
  people: Attendee[];
  /** Certificate status by lower-cased email; absent while certificates are not loaded. */
  certificates: Map<string, CertificateStatus> | undefined;
}) {
  const { t, locale } = useI18n();
  const [query, setQuery] = createSignal('');
  const [presence, setPresence] = createSignal<PresenceFilter>('all');
  const shown = createMemo(() => visiblePeople(props.people, { presence: presence(), query: query() }));
  const [expanded, setExpanded] = createSignal(false);
  const rows = createMemo(() => (expanded() ? shown() : shown().slice(0, FIRST_ROWS)));
  const counts = createMemo(() => presenceCounts(props.people));
  const count = createMemo(() => numberFormatter(locale()));
  const id = createUniqueId();

  return (
    <div class="attendance-table">
      <div class="attendance-table__controls">
        <div class="field attendance-table__search">
          <label class="field__label" for={`${id}-search`}>
            {t('attendance.report.search')}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            class="field__control"
            value={query()}
            autocomplete="off"
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </div>
        <fieldset class="presence-filter">
          <legend class="field__label">{t('attendance.report.show')}</legend>
          <div class="presence-filter__options">
            <For each={PRESENCE_FILTERS}>
              {(filter) => (
                <label class="presence-filter__option">
                  <input
                    type="radio"
                    name={`${id}-presence`}
                    value={filter}
                    checked={presence() === filter}
                    data-testid={`presence-${filter}`}
                    onChange={() => setPresence(filter)}
                  />
                  <span>{t(`attendance.report.presence.${filter}`, { count: count()(counts()[filter]) })}</span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </div>
      <p class="attendance-table__count" role="status">
        {t('attendance.report.showing', { shown: count()(shown().length), total: count()(props.people.length) })}
      </p>
      <div class="report-table__scroll">
        <table class="report-table" data-testid="attendance-people">
          <caption id={`${id}-caption`} class="visually-hidden">
            {t('attendance.report.peopleCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('attendance.report.columns.person')}</th>
              <th scope="col">{t('attendance.report.columns.role')}</th>
              <th scope="col">{t('attendance.report.columns.registered')}</th>
              <th scope="col" class="report-table__number" aria-sort="descending">
                {t('attendance.report.columns.minutes')}
              </th>
              <th scope="col">{t('attendance.report.columns.percent')}</th>
              <th scope="col" class="report-table__number">
                {t('attendance.report.columns.connections')}
              </th>
              <th scope="col">{t('attendance.report.columns.feedback')}</th>
              <th scope="col">{t('attendance.report.columns.certificate')}</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={rows()}
              fallback={
                <tr>
                  <td colspan="8" class="report-table__empty">
                    {t('attendance.report.noMatch')}
                  </td>
                </tr>
              }
            >
              {(person) => (
                <tr classList={{ 'report-table__row--absent': !person.attended }}>
                  <th scope="row" class="report-table__person">
                    <span class="report-table__name">{person.name}</span>
                    <span class="report-table__email" title={person.email}>
                      {person.email}
                    </span>
                  </th>
                  <td>
                    <span class={`role-chip role-chip--${person.role}`}>
                      {t(`attendance.report.roles.${person.role}`)}
                    </span>
                  </td>
                  <td>
                    {person.registered
                      ? t('attendance.report.yes')
                      : person.role === 'participant'
                        ? t('attendance.report.walkIn')
                        : '—'}
                  </td>
                  <td class="report-table__number">{count()(person.minutes)}</td>
                  <td>
                    <span class="share-bar">
                      <span class="share-bar__value">{person.percent}%</span>
                      <span class="share-bar__track" aria-hidden="true">
                        <span class="share-bar__fill" style={{ width: `${Math.min(person.percent, 100)}%` }} />
                      </span>
                    </span>
                  </td>
                  <td class="report-table__number">{count()(person.connections)}</td>
                  <td>{person.gaveFeedback ? t('attendance.report.yes') : '—'}</td>
                  <td>
                    <CertificateCell
                      status={props.certificates?.get(person.key.toLowerCase())}
                      loaded={!!props.certificates}
                    />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={rows().length < shown().length}>
        <button type="button" class="button button--small attendance-table__more" onClick={() => setExpanded(true)}>
          {t('attendance.report.showAll', { count: count()(shown().length) })}
        </button>
      </Show>
    </div>
  );
}

function CertificateCell(props: { status: CertificateStatus | undefined; loaded: boolean }) {
  const { t } = useI18n();
  return (
    <Show when={props.status} fallback={props.loaded ? '—' : ''}>
      {(status) => (
        <span class={`certificate-chip certificate-chip--${status()}`}>
          {t(`certificates.panel.statuses.${status()}`)}
        </span>
      )}
    </Show>
  );
}
