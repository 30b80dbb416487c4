import { intlLocaleOf } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { Field } from '../../../ui/form/Field.tsx';
import { PARTICIPANT_PAGE_SIZE, participantsQuery, useConsole } from './console-api.ts';
import { createDebouncedSignal } from './debounce.ts';
import { ParticipantRow } from './ParticipantRow.tsx';

const SEARCH_DELAY_MS = 300;

/**
 * Everyone in the session, searched on the server: only the first page is drawn, so a room of a
 * thousand stays quick; the count says how many more a search would find.
 */
export function ParticipantsPanel(props: { active: boolean }) {
  const { t, locale } = useI18n();
  const context = useConsole();
  const [typed, setTyped] = createSignal('');
  const [search, searchFor] = createDebouncedSignal('', SEARCH_DELAY_MS);
  const page = useQuery(() => ({ ...participantsQuery(context, search()), enabled: props.active }));
  const number = (value: number) => new Intl.NumberFormat(intlLocaleOf(locale())).format(value);
  const shown = () => page.data?.participants.length ?? 0;
  const total = () => page.data?.total ?? 0;
  return (
    <div class="console-panel__body">
      <Field label={t('roomConsole.participants.search')} hint={t('roomConsole.participants.searchHint')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="search"
            autocomplete="off"
            data-testid="participant-search"
            value={typed()}
            onInput={(event) => {
              setTyped(event.currentTarget.value);
              searchFor(event.currentTarget.value.trim());
            }}
          />
        )}
      </Field>
      <p class="console-count" role="status">
        <Show when={page.data}>
          <Show when={total() > shown()} fallback={t('roomConsole.participants.all', { total: number(total()) })}>
            {t('roomConsole.participants.showing', { shown: number(shown()), total: number(total()) })}{' '}
            {t('roomConsole.participants.narrowDown')}
          </Show>
        </Show>
      </p>
      <Show when={page.isError}>
        <p class="notice notice--problem" role="alert">
          {t('forms.loadFailed')}
        </p>
      </Show>
      <Show when={page.data && shown() === 0}>
        <p class="empty-state">
          {search() ? t('roomConsole.participants.noMatch', { query: search() }) : t('roomConsole.participants.none')}
        </p>
      </Show>
      <ul class="console-list console-list--people" aria-label={t('roomConsole.participants.listLabel')}>
        <For each={page.data?.participants.slice(0, PARTICIPANT_PAGE_SIZE)}>
          {(participant) => <ParticipantRow participant={participant} />}
        </For>
      </ul>
    </div>
  );
}
