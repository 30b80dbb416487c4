import { IANA_ZONES_ID } from '@serambi/shared';
import { createMemo, For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { ControlAttributes } from '../../ui/form/Field.tsx';

const INDONESIAN = new Set<string>(IANA_ZONES_ID.map((zone) => zone.timeZone));

/** Indonesia's zones first, by WIB/WITA/WIT and region, then every other zone the browser knows. */
export function TimeZoneSelect(props: { control: ControlAttributes; value: string; onChange: (zone: string) => void }) {
  const { t } = useI18n();
  const otherZones = createMemo(() => {
    const known = Intl.supportedValuesOf('timeZone').filter((zone) => !INDONESIAN.has(zone));
    // An alias stored earlier ("Asia/Ujung_Pandang") still shows as chosen.
    if (!INDONESIAN.has(props.value) && !known.includes(props.value)) known.unshift(props.value);
    return known;
  });
  return (
    <select {...props.control} class="field__control" onChange={(event) => props.onChange(event.currentTarget.value)}>
      <optgroup label={t('time.indonesia')}>
        <For each={IANA_ZONES_ID}>
          {(zone) => (
            <option value={zone.timeZone} selected={props.value === zone.timeZone}>
              {t(zone.labelKey)}
            </option>
          )}
        </For>
      </optgroup>
      <optgroup label={t('time.otherZones')}>
        <For each={otherZones()}>
          {(zone) => (
            <option value={zone} selected={props.value === zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          )}
        </For>
      </optgroup>
    </select>
  );
}
