import { MAX_RETENTION_DAYS, updateRetentionRequestSchema } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, Match, Show, Switch } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { recordingRetentionQuery, useUpdateRetention } from './recordings-api.ts';
import './recordings.css';

/** How long the community keeps its recordings: until deleted, or a number of days after each session. */
export function RetentionForm(props: { communitySlug: string }) {
  const { t } = useI18n();
  const api = useApi();
  const retention = useQuery(() => recordingRetentionQuery(api, props.communitySlug));
  return (
    <Switch>
      <Match when={retention.data}>
        {(found) => <RetentionFields communitySlug={props.communitySlug} retentionDays={found().retentionDays} />}
      </Match>
      <Match when={retention.isError}>
        <p class="notice notice--problem retention-form">{t('forms.loadFailed')}</p>
      </Match>
    </Switch>
  );
}

function RetentionFields(props: { communitySlug: string; retentionDays: number | null }) {
  const { t } = useI18n();
  const update = useUpdateRetention(() => props.communitySlug);
  const [keepForever, setKeepForever] = createSignal(props.retentionDays === null);
  const [days, setDays] = createSignal(props.retentionDays === null ? '' : String(props.retentionDays));
  const [saved, setSaved] = createSignal(false);
  const checks = createFieldErrors();
  const errorOf = () => checks.errors().retentionDays ?? problemFieldErrors(update.error).retentionDays;
  const id = createUniqueId();
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    const request = { retentionDays: keepForever() ? null : days().trim() === '' ? undefined : Number(days()) };
    const checked = validateWith(updateRetentionRequestSchema, request, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok) return focusFirstInvalid(form);
    update.mutate(checked.data.retentionDays, { onSuccess: () => setSaved(true) });
  };
  const changed = () => {
    checks.clear('retentionDays');
    setSaved(false);
  };

  return (
    <form
      ref={form}
      class="form-stack retention-form"
      aria-labelledby={`${id}-heading`}
      data-testid="retention-form"
      onSubmit={submit}
      novalidate
    >
      <h3 id={`${id}-heading`} class="retention-form__heading">
        {t('recordings.retention.heading')}
      </h3>
      <fieldset class="field">
        <legend class="field__label">{t('recordings.retention.legend')}</legend>
        <div class="choice-field__options">
          <label class="checkbox">
            <input
              type="radio"
              class="checkbox__input"
              name={`${id}-keep`}
              data-testid="retention-forever"
              checked={keepForever()}
              onChange={() => {
                setKeepForever(true);
                changed();
              }}
            />
            <span>{t('recordings.retention.forever')}</span>
          </label>
          <label class="checkbox">
            <input
              type="radio"
              class="checkbox__input"
              name={`${id}-keep`}
              data-testid="retention-limited"
              checked={!keepForever()}
              onChange={() => {
                setKeepForever(false);
                changed();
              }}
            />
            <span>{t('recordings.retention.days')}</span>
          </label>
        </div>
      </fieldset>
      <Show when={!keepForever()}>
        <Field
          label={t('recordings.retention.daysLabel')}
          hint={t('recordings.retention.daysHint', { max: MAX_RETENTION_DAYS })}
          error={errorOf()}
        >
          {(control) => (
            <input
              {...control}
              class="field__control field__control--short"
              type="number"
              inputmode="numeric"
              min="1"
              max={MAX_RETENTION_DAYS}
              step="1"
              data-testid="retention-days"
              value={days()}
              onInput={(event) => {
                setDays(event.currentTarget.value);
                changed();
              }}
            />
          )}
        </Field>
      </Show>
      <div class="form-actions">
        <button type="submit" class="button" aria-disabled={update.isPending}>
          {update.isPending ? t('forms.saving') : t('recordings.retention.save')}
        </button>
        <p role="status" class="form-actions__status">
          <Show when={saved()}>{t('forms.saved')}</Show>
        </p>
      </div>
      <FormProblem error={errorOf() ? null : update.error} />
    </form>
  );
}
