import {
  CERTIFICATE_TITLE_MAX_LENGTH,
  type CertificateProgram,
  LOCALES,
  MAX_MIN_SESSIONS,
  type UpdateCertificateProgramRequest,
  updateCertificateProgramRequestSchema,
} from '@serambi/shared';
import { createEffect, createSignal, createUniqueId, For, type JSX, on, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CheckboxField, Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem, unclaimedError } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { ImagePicker } from './ImagePicker.tsx';
import { formValuesOf, minutesNeeded, type ProgramFormValues, requestOf } from './program-form.ts';
import { SignatoriesFields } from './SignatoriesFields.tsx';

/**
 * Whether a session or a series gives certificates, by which rule (share of the session
 * attended, feedback, for a series how many sessions) and on which template (title, language,
 * logo, up to three signatories). Nothing is saved until "Save"; the PDF preview shows what
 * was saved.
 */
export function CertificateProgramForm(props: {
  program: CertificateProgram;
  scope: 'session' | 'series';
  save: (request: UpdateCertificateProgramRequest) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  /** The session's length, to say what "75%" means in minutes. */
  sessionMinutes?: number;
  /** Session only: the template with a sample name. */
  previewUrl?: string;
  /** Beside "Save": e.g. "Cancel" while overriding the series' settings. */
  extraActions?: JSX.Element;
}) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [values, setValues] = createSignal<ProgramFormValues>(formValuesOf(props.program));
  const [dirty, setDirty] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const fieldErrors = createFieldErrors();
  let form: HTMLFormElement | undefined;

  // A refetch shows the server's program, unless someone is editing it.
  createEffect(
    on(
      () => props.program,
      (program) => {
        if (!dirty()) setValues(formValuesOf(program));
      },
      { defer: true },
    ),
  );

  const set = (change: Partial<ProgramFormValues>) => {
    setDirty(true);
    setSaved(false);
    setValues((held) => ({ ...held, ...change }));
  };
  const errors = () => ({ ...problemFieldErrors(props.error), ...fieldErrors.errors() });
  const percent = () => Number(values().minAttendancePercent);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (props.pending) return;
    const checked = validateWith(updateCertificateProgramRequestSchema, requestOf(values(), props.scope), t);
    if (!checked.ok) {
      fieldErrors.set(checked.errors);
      focusFirstInvalid(form);
      return;
    }
    fieldErrors.set({});
    try {
      await props.save(checked.data);
      setDirty(false);
      setSaved(true);
    } catch {
      // FormProblem and the fields show why.
    }
  };

  return (
    <form
      ref={form}
      class="program-form form-stack"
      novalidate
      onSubmit={submit}
      data-testid="certificate-program-form"
    >
      <CheckboxField
        label={t(props.scope === 'series' ? 'certificates.panel.enabledSeries' : 'certificates.panel.enabled')}
        hint={t('certificates.panel.enabledHint')}
        checked={values().enabled}
        onChange={(enabled) => set({ enabled })}
      />
      <Show when={values().enabled}>
        <fieldset class="program-form__group">
          <legend class="program-form__legend">{t('certificates.panel.ruleHeading')}</legend>
          <Field
            label={t('certificates.panel.minAttendance')}
            hint={
              props.sessionMinutes && percent() >= 1 && percent() <= 100
                ? t('certificates.panel.minAttendanceExample', {
                    minutes: props.sessionMinutes,
                    needed: minutesNeeded(percent(), props.sessionMinutes),
                  })
                : t('certificates.panel.minAttendanceHint')
            }
            error={errors().minAttendancePercent}
          >
            {(control) => (
              <span class="input-with-unit">
                <input
                  {...control}
                  type="number"
                  inputmode="numeric"
                  min="1"
                  max="100"
                  class="field__control field__control--short"
                  value={values().minAttendancePercent}
                  data-testid="min-attendance"
                  onInput={(event) => {
                    fieldErrors.clear('minAttendancePercent');
                    set({ minAttendancePercent: event.currentTarget.value });
                  }}
                />
                <span aria-hidden="true">%</span>
              </span>
            )}
          </Field>
          <CheckboxField
            label={t('certificates.panel.requireFeedback')}
            hint={t('certificates.panel.requireFeedbackHint')}
            checked={values().requireFeedback}
            onChange={(requireFeedback) => set({ requireFeedback })}
          />
          <Show when={props.scope === 'series'}>
            <SeriesRuleFields
              values={values()}
              sessionCount={props.program.sessionCount}
              error={errors().minSessions}
              onChange={(change) => {
                fieldErrors.clear('minSessions');
                set(change);
              }}
            />
          </Show>
        </fieldset>

        <fieldset class="program-form__group">
          <legend class="program-form__legend">{t('certificates.panel.templateHeading')}</legend>
          <Field
            label={t('certificates.panel.title')}
            hint={t('certificates.panel.titleHint', {
              title: t(`certificates.panel.defaultTitles.${values().locale}`),
            })}
            optional
            error={errors().title}
          >
            {(control) => (
              <input
                {...control}
                class="field__control"
                value={values().title}
                maxLength={CERTIFICATE_TITLE_MAX_LENGTH}
                placeholder={t(`certificates.panel.defaultTitles.${values().locale}`)}
                onInput={(event) => {
                  fieldErrors.clear('title');
                  set({ title: event.currentTarget.value });
                }}
              />
            )}
          </Field>
          <fieldset class="field" aria-describedby={`${id}-locale-hint`}>
            <legend class="field__label">{t('certificates.panel.language')}</legend>
            <p id={`${id}-locale-hint`} class="field__hint">
              {t('certificates.panel.languageHint')}
            </p>
            <div class="choice-field__options">
              <For each={LOCALES}>
                {(locale) => (
                  <label class="checkbox">
                    <input
                      type="radio"
                      class="checkbox__input"
                      name={`${id}-locale`}
                      checked={values().locale === locale}
                      onChange={() => set({ locale })}
                    />
                    <span>{t(`certificates.panel.languages.${locale}`)}</span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
          <ImagePicker
            label={t('certificates.panel.logo')}
            hint={t('certificates.panel.logoHint')}
            value={values().logo}
            onChange={(logo) => {
              fieldErrors.clear('logo');
              set({ logo });
            }}
            chooseLabel={t('certificates.panel.chooseLogo')}
            removeLabel={t('certificates.panel.removeLogo')}
            previewAlt={t('certificates.panel.logoPreview')}
            error={errors().logo}
            testId="logo-picker"
          />
          <SignatoriesFields
            signatories={values().signatories}
            onChange={(signatories) => set({ signatories })}
            errors={errors()}
            onEdited={(path) => fieldErrors.clear(path)}
          />
        </fieldset>
      </Show>

      <FormProblem error={unclaimedError(props.error, problemFieldErrors(props.error))} />
      <div class="button-row program-form__actions">
        <button type="submit" class="button button--primary" aria-disabled={props.pending} data-testid="save-program">
          {props.pending ? t('certificates.panel.saving') : t('certificates.panel.save')}
        </button>
        {props.extraActions}
        <Show when={props.previewUrl && values().enabled}>
          <a class="button" href={props.previewUrl} target="_blank" rel="noopener" data-testid="preview-pdf">
            {t('certificates.panel.preview')}
          </a>
        </Show>
        <p role="status" class="program-form__status">
          <Show when={saved()}>{t('certificates.panel.saved')}</Show>
          <Show when={dirty() && props.previewUrl && values().enabled}>{t('certificates.panel.previewHint')}</Show>
        </p>
      </div>
    </form>
  );
}

/** Series only: a series certificate for attending at least N of its M sessions. */
function SeriesRuleFields(props: {
  values: ProgramFormValues;
  sessionCount: number | null;
  error: string | undefined;
  onChange: (change: Partial<ProgramFormValues>) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="program-form__series">
      <CheckboxField
        label={t('certificates.panel.seriesCertificate')}
        hint={t('certificates.panel.seriesCertificateHint')}
        checked={props.values.seriesCertificate}
        onChange={(seriesCertificate) =>
          props.onChange({
            seriesCertificate,
            minSessions: props.values.minSessions || String(Math.max(1, Math.ceil((props.sessionCount ?? 1) * 0.66))),
          })
        }
      />
      <Show when={props.values.seriesCertificate}>
        <Field label={t('certificates.panel.minSessions')} error={props.error}>
          {(control) => (
            <span class="input-with-unit">
              <input
                {...control}
                type="number"
                inputmode="numeric"
                min="1"
                max={props.sessionCount ?? MAX_MIN_SESSIONS}
                class="field__control field__control--short"
                value={props.values.minSessions}
                data-testid="min-sessions"
                onInput={(event) => props.onChange({ minSessions: event.currentTarget.value })}
              />
              <span>{t('certificates.panel.minSessionsOf', { count: props.sessionCount ?? '—' })}</span>
            </span>
          )}
        </Field>
      </Show>
    </div>
  );
}
