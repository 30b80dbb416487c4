import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { SessionTimes } from '../time/SessionTimes.tsx';
import { TimeZoneSelect } from '../time/TimeZoneSelect.tsx';
import { DurationSelect } from './DurationSelect.tsx';

export interface WhenValues {
  date: string;
  time: string;
  timeZone: string;
  durationMinutes: number;
}

/**
 * Date and time as read on a clock in the chosen zone, and right below, the resulting time as
 * participants will see it (with WIB/WITA/WIT, and in the organizer's own zone if different).
 */
export function WhenFields(props: {
  values: WhenValues;
  startsAt: string | null;
  errorOf: (field: string) => string | undefined;
  onChange: <K extends keyof WhenValues>(field: K, value: WhenValues[K]) => void;
  dateLabel?: string;
  /** The first and last day the date may be (the server's window around now). */
  dateRange?: { min: string; max: string };
}) {
  const { t } = useI18n();
  return (
    <div class="when-fields">
      <div class="field-row">
        <Field label={props.dateLabel ?? t('editor.date')} error={props.errorOf('date')}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              type="date"
              min={props.dateRange?.min}
              max={props.dateRange?.max}
              value={props.values.date}
              onInput={(e) => props.onChange('date', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('editor.time')} error={props.errorOf('time')}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              type="time"
              value={props.values.time}
              onInput={(e) => props.onChange('time', e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div class="field-row">
        <Field label={t('editor.timeZone')} error={props.errorOf('timeZone')}>
          {(control) => (
            <TimeZoneSelect
              control={control}
              value={props.values.timeZone}
              onChange={(zone) => props.onChange('timeZone', zone)}
            />
          )}
        </Field>
        <Field label={t('editor.duration')} error={props.errorOf('durationMinutes')}>
          {(control) => (
            <DurationSelect
              control={control}
              value={props.values.durationMinutes}
              onChange={(minutes) => props.onChange('durationMinutes', minutes)}
            />
          )}
        </Field>
      </div>
      <Show when={props.startsAt}>
        {(startsAt) => (
          <div class="when-fields__result" aria-live="polite">
            <p class="when-fields__result-label">{t('editor.resultingTime')}</p>
            <SessionTimes
              session={{
                startsAt: startsAt(),
                durationMinutes: props.values.durationMinutes,
                timeZone: props.values.timeZone,
              }}
            />
          </div>
        )}
      </Show>
    </div>
  );
}
