import { MAX_SERIES_OCCURRENCES } from '@serambi/shared';
import { createMemo, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { SessionTimeLine } from '../time/SessionTimes.tsx';
import { instantOf } from '../time/wall-clock.ts';
import { seriesDates } from './series-dates.ts';
import { type SeriesFormValues, scheduleOf } from './series-form.ts';

const SHOWN = 6;

/** The numbered sessions the schedule makes, with times in WIB/WITA/WIT, before anything is saved. */
export function SeriesPreview(props: { values: SeriesFormValues }) {
  const { t } = useI18n();
  const dates = createMemo(() => (props.values.time ? seriesDates(scheduleOf(props.values)) : []));
  const startOf = (date: string) => instantOf({ date, time: props.values.time }, props.values.timeZone).toISOString();
  return (
    <div class="series-preview" aria-live="polite">
      <Show when={dates().length > 0} fallback={<p class="field__hint">{t('series.previewEmpty')}</p>}>
        <Show
          when={dates().length <= MAX_SERIES_OCCURRENCES}
          fallback={<p class="field__error">{t('series.tooMany', { max: MAX_SERIES_OCCURRENCES })}</p>}
        >
          <p class="series-preview__count">{t('series.previewCount', { count: dates().length })}</p>
          <ol class="series-preview__list">
            <For each={dates().slice(0, SHOWN)}>
              {(date, index) => (
                <li>
                  <span class="series-preview__number">#{index() + 1}</span>{' '}
                  <SessionTimeLine
                    session={{
                      startsAt: startOf(date),
                      durationMinutes: props.values.durationMinutes,
                      timeZone: props.values.timeZone,
                    }}
                  />
                </li>
              )}
            </For>
          </ol>
          <Show when={dates().length > SHOWN}>
            <p class="field__hint">{t('series.previewMore', { count: dates().length - SHOWN })}</p>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
