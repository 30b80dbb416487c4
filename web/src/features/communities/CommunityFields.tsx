import { COMMUNITY_DESCRIPTION_MAX_LENGTH, COMMUNITY_NAME_MAX_LENGTH } from '@serambi/shared';
import type { JSX } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field } from '../../ui/form/Field.tsx';
import { TimeZoneSelect } from '../time/TimeZoneSelect.tsx';

export interface CommunityFieldValues {
  name: string;
  description: string;
  logoUrl: string;
  timeZone: string;
}

/** The fields a community is made and changed with; the address (slug) is only set at creation. */
export function CommunityFields(props: {
  values: CommunityFieldValues;
  errorOf: (field: string) => string | undefined;
  onChange: <K extends keyof CommunityFieldValues>(field: K, value: CommunityFieldValues[K]) => void;
  /** Between the name and the description: the address field when creating. */
  afterName?: JSX.Element;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('communities.name')} hint={t('communities.nameHint')} error={props.errorOf('name')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            value={props.values.name}
            maxLength={COMMUNITY_NAME_MAX_LENGTH}
            onInput={(e) => props.onChange('name', e.currentTarget.value)}
          />
        )}
      </Field>
      {props.afterName}
      <Field label={t('communities.description')} optional error={props.errorOf('description')}>
        {(control) => (
          <textarea
            {...control}
            class="field__control"
            rows="4"
            maxLength={COMMUNITY_DESCRIPTION_MAX_LENGTH}
            value={props.values.description}
            onInput={(e) => props.onChange('description', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label={t('communities.logoUrl')}
        hint={t('communities.logoUrlHint')}
        optional
        error={props.errorOf('logoUrl')}
      >
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="url"
            inputmode="url"
            placeholder="https://"
            value={props.values.logoUrl}
            onInput={(e) => props.onChange('logoUrl', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('communities.timeZone')} hint={t('communities.timeZoneHint')} error={props.errorOf('timeZone')}>
        {(control) => (
          <TimeZoneSelect
            control={control}
            value={props.values.timeZone}
            onChange={(zone) => props.onChange('timeZone', zone)}
          />
        )}
      </Field>
    </>
  );
}
