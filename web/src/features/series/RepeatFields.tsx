import { intlLocaleOf, MAX_SERIES_OCCURRENCES } from '@serambi/shared';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { sessionDateRange } from '../time/start-window.ts';
import type { Nth, RuleKind, SeriesFormValues } from './series-form.ts';

const RULES: RuleKind[] = ['weekly', 'biweekly', 'monthly-nth-weekday'];
const NTHS: Nth[] = [1, 2, 3, 4, -1];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** How often (weekly, every two weeks, "2nd Tuesday of the month") and until when. */
export function RepeatFields(props: {
  values: SeriesFormValues;
  errorOf: (field: string) => string | undefined;
  onChange: <K extends keyof SeriesFormValues>(field: K, value: SeriesFormValues[K]) => void;
}) {
  const { t, locale } = useI18n();
  const weekdayName = (weekday: number) =>
    // 2024-01-01 was a Monday: day `weekday` of that week names the weekday in the reader's language.
    new Intl.DateTimeFormat(intlLocaleOf(locale()), { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, weekday)),
    );
  return (
    <>
      <fieldset class="field">
        <legend class="field__label">{t('series.repeat')}</legend>
        <div class="choice-field__options">
          <For each={RULES}>
            {(rule) => (
              <label class="checkbox">
                <input
                  type="radio"
                  class="checkbox__input"
                  name="series-rule"
                  checked={props.values.ruleKind === rule}
                  onChange={() => props.onChange('ruleKind', rule)}
                />
                <span>{t(`series.rules.${rule}`)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={props.values.ruleKind === 'monthly-nth-weekday'}>
        <div class="field-row">
          <Field label={t('series.nth')}>
            {(control) => (
              <select
                {...control}
                class="field__control"
                onChange={(e) => props.onChange('nth', Number(e.currentTarget.value) as Nth)}
              >
                <For each={NTHS}>
                  {(nth) => (
                    <option value={String(nth)} selected={props.values.nth === nth}>
                      {t(`series.nths.${nth === -1 ? 'last' : nth}`)}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
          <Field label={t('series.weekday')}>
            {(control) => (
              <select
                {...control}
                class="field__control"
                onChange={(e) => props.onChange('weekday', Number(e.currentTarget.value))}
              >
                <For each={WEEKDAYS}>
                  {(weekday) => (
                    <option value={String(weekday)} selected={props.values.weekday === weekday}>
                      {weekdayName(weekday)}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
        </div>
      </Show>
      <fieldset class="field">
        <legend class="field__label">{t('series.ends')}</legend>
        <div class="end-choice">
          <label class="checkbox">
            <input
              type="radio"
              class="checkbox__input"
              name="series-end"
              checked={props.values.endKind === 'count'}
              onChange={() => props.onChange('endKind', 'count')}
            />
            <span>{t('series.endAfterCount')}</span>
          </label>
          <Show when={props.values.endKind === 'count'}>
            <Field label={t('series.count')} error={props.errorOf('count')}>
              {(control) => (
                <input
                  {...control}
                  class="field__control field__control--short"
                  type="number"
                  inputmode="numeric"
                  min="1"
                  max={MAX_SERIES_OCCURRENCES}
                  value={props.values.count}
                  onInput={(e) => props.onChange('count', e.currentTarget.value)}
                />
              )}
            </Field>
          </Show>
          <label class="checkbox">
            <input
              type="radio"
              class="checkbox__input"
              name="series-end"
              checked={props.values.endKind === 'until'}
              onChange={() => props.onChange('endKind', 'until')}
            />
            <span>{t('series.endOnDate')}</span>
          </label>
          <Show when={props.values.endKind === 'until'}>
            <Field label={t('series.until')} error={props.errorOf('until')}>
              {(control) => (
                <input
                  {...control}
                  class="field__control field__control--short"
                  type="date"
                  min={props.values.date || undefined}
                  max={sessionDateRange().max}
                  value={props.values.until}
                  onInput={(e) => props.onChange('until', e.currentTarget.value)}
                />
              )}
            </Field>
          </Show>
        </div>
      </fieldset>
    </>
  );
}
