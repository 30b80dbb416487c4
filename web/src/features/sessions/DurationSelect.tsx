import { For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { ControlAttributes } from '../../ui/form/Field.tsx';

const DURATIONS = [30, 45, 60, 90, 120, 150, 180, 240];

/** Common lengths, written as people say them ("1 jam 30 menit"); an unusual stored one stays selectable. */
export function DurationSelect(props: {
  control: ControlAttributes;
  value: number;
  onChange: (minutes: number) => void;
}) {
  const { t } = useI18n();
  const choices = () =>
    DURATIONS.includes(props.value) ? DURATIONS : [...DURATIONS, props.value].sort((a, b) => a - b);
  const label = (minutes: number) => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('editor.minutes', { minutes: rest });
    return rest === 0 ? t('editor.hours', { hours }) : t('editor.hoursMinutes', { hours, minutes: rest });
  };
  return (
    <select {...props.control} class="field__control" onChange={(e) => props.onChange(Number(e.currentTarget.value))}>
      <For each={choices()}>
        {(minutes) => (
          <option value={String(minutes)} selected={props.value === minutes}>
            {label(minutes)}
          </option>
        )}
      </For>
    </select>
  );
}
