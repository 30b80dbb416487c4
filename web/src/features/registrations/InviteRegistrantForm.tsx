import { type InviteRegistrantRequest, inviteRegistrantRequestSchema, type Locale } from '@serambi/shared';
import { createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { useInviteRegistrant } from './registrations-api.ts';

/** Organizers add a person by name and email; for a private session it is the only way in. */
export function InviteRegistrantForm(props: { sessionRef: string; isPrivate: boolean }) {
  const { t, locale } = useI18n();
  const invite = useInviteRegistrant(() => props.sessionRef);
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [mailLocale, setMailLocale] = createSignal<Locale>(locale());
  const [done, setDone] = createSignal<string>();
  const checks = createFieldErrors();
  const errorOf = (field: string) => checks.errors()[field] ?? problemFieldErrors(invite.error)[field];
  const headingId = createUniqueId();
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (invite.isPending) return;
    const request: InviteRegistrantRequest = { name: name().trim(), email: email().trim(), locale: mailLocale() };
    const checked = validateWith(inviteRegistrantRequestSchema, request, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok) return focusFirstInvalid(form);
    invite.mutate(request, {
      onSuccess: (result) => {
        setDone(
          result.status === 'registered'
            ? t('registrants.invite.sent', { name: request.name })
            : t('registrants.invite.waitlisted', { name: request.name, position: result.waitlistPosition ?? 1 }),
        );
        setName('');
        setEmail('');
      },
    });
  };

  const text =
    (setter: (value: string) => void, field: string) => (e: InputEvent & { currentTarget: HTMLInputElement }) => {
      setter(e.currentTarget.value);
      checks.clear(field);
      setDone(undefined);
    };

  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId} class="card__heading">
        {t('registrants.invite.heading')}
      </h2>
      <p>{props.isPrivate ? t('registrants.invite.hintPrivate') : t('registrants.invite.hint')}</p>
      <form ref={form} class="form-stack" onSubmit={submit} novalidate>
        <FormProblem error={invite.error} />
        <Field label={t('registrants.invite.name')} error={errorOf('name')}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              autocomplete="off"
              value={name()}
              onInput={text(setName, 'name')}
            />
          )}
        </Field>
        <Field label={t('registrants.invite.email')} error={errorOf('email')}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              type="email"
              inputmode="email"
              autocomplete="off"
              value={email()}
              onInput={text(setEmail, 'email')}
            />
          )}
        </Field>
        <Field label={t('registrants.invite.language')} error={errorOf('locale')}>
          {(control) => (
            <select
              {...control}
              class="field__control"
              onChange={(e) => setMailLocale(e.currentTarget.value as Locale)}
            >
              <option value="id" selected={mailLocale() === 'id'}>
                {t('language.id')}
              </option>
              <option value="en" selected={mailLocale() === 'en'}>
                {t('language.en')}
              </option>
            </select>
          )}
        </Field>
        <button type="submit" class="button" aria-disabled={invite.isPending}>
          {t('registrants.invite.submit')}
        </button>
        <p role="status" class="form-actions__status">
          {done()}
        </p>
      </form>
    </section>
  );
}
