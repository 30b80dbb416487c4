import { createSeriesRequestSchema, SERIES_TITLE_MAX_LENGTH, type Series } from '@serambi/shared';
import { createMemo } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { FormSection } from '../../ui/form/FormSection.tsx';
import { createFieldErrors, type FieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { RegistrationSection } from '../sessions/RegistrationSection.tsx';
import { SessionPeopleSection } from '../sessions/SessionPeopleSection.tsx';
import { startsAtOf } from '../sessions/session-form.ts';
import { TitleAndDescriptionFields } from '../sessions/TitleAndDescriptionFields.tsx';
import { WhenFields } from '../sessions/WhenFields.tsx';
import { seriesEndProblem, sessionDateRange, sessionStartProblem } from '../time/start-window.ts';
import { RepeatFields } from './RepeatFields.tsx';
import { SeriesPreview } from './SeriesPreview.tsx';
import { useCreateSeries } from './series-api.ts';
import { seriesDates } from './series-dates.ts';
import {
  monthlyPlaceOf,
  newSeriesValues,
  SERIES_FIELD_OF_PATH,
  type SeriesFormValues,
  scheduleOf,
  toSeriesRequest,
} from './series-form.ts';
import '../sessions/editor.css';

/** Renames request paths ("schedule.firstDate") to the form's fields ("date"). */
function toFormFields(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [SERIES_FIELD_OF_PATH[path] ?? path, message]),
  );
}

/** A series: one title, one schedule, and as many numbered sessions as the schedule makes. */
export function SeriesForm(props: {
  communitySlug: string;
  communityTimeZone: string;
  onCreated: (series: Series) => void;
}) {
  const { t } = useI18n();
  const create = useCreateSeries(() => props.communitySlug);
  const [values, setValues] = createStore<SeriesFormValues>(newSeriesValues(props.communityTimeZone));
  const checks = createFieldErrors();
  const serverErrors = createMemo(() => toFormFields(problemFieldErrors(create.error)));
  const errorOf = (path: string) => checks.errors()[path] ?? serverErrors()[path];
  let form: HTMLFormElement | undefined;

  const change = <K extends keyof SeriesFormValues>(field: K, value: SeriesFormValues[K]) => {
    setValues(field, value);
    checks.clear(String(field));
    // A new first date suggests its own "2nd Tuesday" for the monthly rule.
    if (field === 'date') setValues(monthlyPlaceOf(String(value)));
  };

  /** The first session near now and the last not past five years, as the server checks them. */
  const windowProblems = (): Record<string, string> => {
    const first = startsAtOf(values);
    const lastDate = seriesDates(scheduleOf(values)).at(-1);
    const last = lastDate ? startsAtOf({ ...values, date: lastDate }) : null;
    const firstProblem = first ? sessionStartProblem(new Date(first), t) : undefined;
    if (firstProblem) return { date: firstProblem };
    const lastProblem = last ? seriesEndProblem(new Date(last), t) : undefined;
    return lastProblem ? { [values.endKind === 'count' ? 'count' : 'until']: lastProblem } : {};
  };

  const save = (status: 'draft' | 'scheduled') => {
    if (create.isPending) return;
    const request = toSeriesRequest(values, status);
    const checked = validateWith(createSeriesRequestSchema, request, t);
    const found: Record<string, string> = checked.ok ? {} : { ...toFormFields(checked.errors) };
    if (!values.date) found.date = t('forms.date');
    if (!values.time) found.time = t('forms.time');
    if (Object.keys(found).length === 0) Object.assign(found, windowProblems());
    checks.set(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form);
    create.mutate(request, { onSuccess: props.onCreated });
  };

  return (
    <form
      ref={form}
      class="session-editor"
      novalidate
      onSubmit={(event) => {
        event.preventDefault();
        save('scheduled');
      }}
    >
      <FormSection heading={t('series.whatHeading')}>
        <TitleAndDescriptionFields
          titleLabel={t('series.title')}
          titleHint={t('series.titleHint')}
          titleMaxLength={SERIES_TITLE_MAX_LENGTH}
          title={values.title}
          description={values.description}
          errorOf={errorOf}
          onTitle={(value) => change('title', value)}
          onDescription={(value) => change('description', value)}
        />
      </FormSection>

      <FormSection heading={t('series.whenHeading')}>
        <WhenFields
          values={values}
          startsAt={startsAtOf(values)}
          dateRange={sessionDateRange()}
          errorOf={errorOf}
          dateLabel={t('series.firstDate')}
          onChange={(field, value) => change(field, value as SeriesFormValues[typeof field])}
        />
        <RepeatFields values={values} errorOf={errorOf} onChange={change} />
        <h3 class="form-section__subheading">{t('series.previewHeading')}</h3>
        <SeriesPreview values={values} />
      </FormSection>

      <RegistrationSection
        values={values}
        errorOf={errorOf}
        onCapacity={(value) => change('capacity', value)}
        onVisibility={(value) => change('visibility', value)}
        updateQuestions={(update) => setValues('questions', update)}
        onQuestionEdited={checks.clear}
      />

      <SessionPeopleSection
        people={values.people}
        saved={false}
        pending={false}
        error={null}
        onAdd={(person, reset) => {
          setValues('people', (list) => [...list, person]);
          reset();
        }}
      />

      <div class="editor-actions">
        <FormProblem error={create.error} />
        <div class="button-row">
          <button type="submit" class="button button--primary" aria-disabled={create.isPending}>
            {create.isPending ? t('series.creating') : t('series.publish')}
          </button>
          <button type="button" class="button" aria-disabled={create.isPending} onClick={() => save('draft')}>
            {t('series.saveDrafts')}
          </button>
        </div>
      </div>
    </form>
  );
}
