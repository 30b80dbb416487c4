import {
  type AddSessionPersonRequest,
  createSessionRequestSchema,
  SESSION_TITLE_MAX_LENGTH,
  type Session,
  updateSessionRequestSchema,
} from '@serambi/shared';
import { createMemo, createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { FormSection } from '../../ui/form/FormSection.tsx';
import { createFieldErrors, type FieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { sessionDateRange, sessionStartProblem } from '../time/start-window.ts';
import { RegistrationSection } from './RegistrationSection.tsx';
import { SessionPeopleSection } from './SessionPeopleSection.tsx';
import {
  newSessionValues,
  type SessionFormValues,
  sessionValues,
  startsAtOf,
  toSessionRequest,
} from './session-form.ts';
import { useAddSessionPerson, useCreateSession, useUpdateSession } from './sessions-api.ts';
import { TitleAndDescriptionFields } from './TitleAndDescriptionFields.tsx';
import { WhenFields } from './WhenFields.tsx';
import './editor.css';

type SaveAs = 'draft' | 'scheduled' | 'unchanged';

/** Creates a session or changes one; a new time of a published session is confirmed first, as registrants get mail. */
export function SessionEditorForm(props: {
  communitySlug: string;
  communityTimeZone: string;
  session?: Session;
  onCreated: (session: Session) => void;
}) {
  const { t } = useI18n();
  const create = useCreateSession(() => props.communitySlug);
  const update = useUpdateSession(() => props.session?.slug ?? '');
  const addPerson = useAddSessionPerson(() => props.session?.slug ?? '');
  const [values, setValues] = createStore<SessionFormValues>(
    props.session ? sessionValues(props.session) : newSessionValues(props.communityTimeZone),
  );
  const [peopleToInvite, setPeopleToInvite] = createSignal<AddSessionPersonRequest[]>([]);
  const [confirming, setConfirming] = createSignal<SaveAs>();
  const [saved, setSaved] = createSignal(false);
  const checks = createFieldErrors();
  const saving = () => create.isPending || update.isPending;
  const lastError = () => create.error ?? update.error;
  const serverErrors = createMemo<FieldErrors>(() => {
    const { startsAt, ...rest } = problemFieldErrors(lastError());
    return startsAt ? { ...rest, date: startsAt } : rest;
  });
  const errorOf = (path: string) => checks.errors()[path] ?? serverErrors()[path];
  const startsAt = () => startsAtOf(values);
  const people = () => props.session?.people ?? peopleToInvite();
  const registrantCount = () => (props.session ? props.session.registeredCount + props.session.waitlistedCount : 0);
  let form: HTMLFormElement | undefined;

  const change = <K extends keyof SessionFormValues>(field: K, value: SessionFormValues[K]) => {
    setValues(field, value);
    checks.clear(field === 'date' || field === 'time' ? field : String(field));
    setSaved(false);
  };

  const isReschedule = () => {
    const before = props.session;
    if (before?.status !== 'scheduled') return false;
    return startsAt() !== new Date(before.startsAt).toISOString() || values.durationMinutes !== before.durationMinutes;
  };

  const validate = (saveAs: SaveAs) => {
    const found: Record<string, string> = {};
    if (!values.date) found.date = t('forms.date');
    if (!values.time) found.time = t('forms.time');
    const request = { ...toSessionRequest(values), ...(saveAs === 'unchanged' ? {} : { status: saveAs }) };
    const checked = props.session
      ? validateWith(updateSessionRequestSchema, request, t)
      : validateWith(createSessionRequestSchema, request, t);
    if (!checked.ok) {
      const { startsAt: startError, ...rest } = checked.errors;
      Object.assign(found, rest, startError && !found.date ? { date: startError } : {});
    }
    // As the server does: a new start must be near now; a kept one, however old, may stay.
    const start = startsAt();
    const moved = start !== null && (!props.session || start !== new Date(props.session.startsAt).toISOString());
    if (moved && !found.date) {
      const outside = sessionStartProblem(new Date(start), t);
      if (outside) found.date = outside;
    }
    checks.set(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return null;
    }
    return request;
  };

  const save = (saveAs: SaveAs, confirmed = false) => {
    if (saving()) return;
    const request = validate(saveAs);
    if (!request) return;
    if (!confirmed && isReschedule() && registrantCount() > 0) return setConfirming(saveAs);
    setConfirming(undefined);
    if (!props.session) {
      create.mutate(
        { ...request, status: saveAs === 'draft' ? 'draft' : 'scheduled' },
        {
          onSuccess: async (session) => {
            // Each added person is invited by mail now that the session exists.
            for (const person of peopleToInvite()) await addPerson.mutateAsync({ ref: session.slug, person });
            props.onCreated(session);
          },
        },
      );
      return;
    }
    update.mutate(request, { onSuccess: () => setSaved(true) });
  };

  return (
    <form
      ref={form}
      class="session-editor"
      novalidate
      onSubmit={(event) => {
        event.preventDefault();
        save(props.session && props.session.status !== 'draft' ? 'unchanged' : 'scheduled');
      }}
    >
      <FormSection heading={t('editor.whatHeading')}>
        <TitleAndDescriptionFields
          titleLabel={t('editor.title')}
          titleHint={t('editor.titleHint')}
          titleMaxLength={SESSION_TITLE_MAX_LENGTH}
          title={values.title}
          description={values.description}
          errorOf={errorOf}
          onTitle={(value) => change('title', value)}
          onDescription={(value) => change('description', value)}
        />
      </FormSection>

      <FormSection heading={t('editor.whenHeading')}>
        <WhenFields
          values={values}
          startsAt={startsAt()}
          dateRange={sessionDateRange()}
          errorOf={errorOf}
          onChange={(field, value) => change(field, value as SessionFormValues[typeof field])}
        />
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
        people={people()}
        saved={Boolean(props.session)}
        sessionRef={props.session?.slug}
        pending={addPerson.isPending}
        error={addPerson.error}
        onAdd={(person, reset) => {
          if (!props.session) {
            setPeopleToInvite((list) => [...list, person]);
            return reset();
          }
          addPerson.mutate({ person }, { onSuccess: reset });
        }}
      />

      <div class="editor-actions">
        <FormProblem error={lastError()} />
        <div class="button-row">
          <Show
            when={props.session && props.session.status !== 'draft'}
            fallback={
              <>
                <button type="submit" class="button button--primary" aria-disabled={saving()}>
                  {t('editor.publish')}
                </button>
                <button type="button" class="button" aria-disabled={saving()} onClick={() => save('draft')}>
                  {t('editor.saveDraft')}
                </button>
              </>
            }
          >
            <button type="submit" class="button button--primary" aria-disabled={saving()}>
              {saving() ? t('forms.saving') : t('editor.saveChanges')}
            </button>
          </Show>
          <p role="status" class="form-actions__status">
            <Show when={saved()}>{t('forms.saved')}</Show>
          </p>
        </div>
      </div>

      <ConfirmDialog
        open={confirming() !== undefined}
        title={t('editor.rescheduleTitle')}
        confirmLabel={t('editor.rescheduleConfirm')}
        pending={saving()}
        onClose={() => setConfirming(undefined)}
        onConfirm={() => save(confirming() ?? 'unchanged', true)}
      >
        <p>{t('editor.rescheduleBody', { count: registrantCount() })}</p>
      </ConfirmDialog>
    </form>
  );
}
