import type { RegistrationResult, Session } from '@serambi/shared';
import { createSignal, createUniqueId, Match, Show, Suspense, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { lazyComponent } from '../../ui/lazy-component.ts';
import { SeatsLeft } from '../sessions/SeatsLeft.tsx';
import { isOpenForRegistration } from '../sessions/seats.ts';
import { RegistrationForm } from './RegistrationForm.tsx';
import { useRegister } from './registrations-api.ts';
import './registrations.css';

// What follows sending the form: its code loads while the registration is on its way.
const loadRegistrationDone = () => import('./RegistrationDone.tsx').then((module) => module.RegistrationDone);
const RegistrationDone = lazyComponent(loadRegistrationDone);

/** The session page's call to action: seats, the form, and what happened after sending it. */
export function RegistrationCard(props: { session: Session }) {
  const { t } = useI18n();
  const headingId = createUniqueId();
  const register = useRegister(() => props.session.slug);
  const [done, setDone] = createSignal<{ result: RegistrationResult; email: string }>();
  const closedReason = () => {
    if (props.session.status === 'cancelled') return t('registration.closedCancelled');
    if (props.session.status === 'ended') return t('registration.closedEnded');
    if (props.session.status === 'draft') return t('registration.closedDraft');
    return isOpenForRegistration(props.session) ? null : t('registration.closed');
  };
  return (
    <section class="card registration-card" aria-labelledby={headingId} id="register">
      <h2 id={headingId} class="registration-card__heading">
        {t('registration.heading')}
      </h2>
      <Show when={!closedReason()}>
        <SeatsLeft session={props.session} />
      </Show>
      <Switch>
        <Match when={closedReason()}>{(reason) => <p class="notice notice--info">{reason()}</p>}</Match>
        <Match when={done()}>
          {(registration) => (
            <Suspense>
              <RegistrationDone
                result={registration().result}
                email={registration().email}
                onAnother={() => setDone(undefined)}
              />
            </Suspense>
          )}
        </Match>
        <Match when={true}>
          <RegistrationForm
            questions={props.session.questions}
            pending={register.isPending}
            error={register.error}
            submitLabel={t('registration.register')}
            onSubmit={(request) => {
              void loadRegistrationDone().catch(() => undefined);
              register.mutate(request, { onSuccess: (result) => setDone({ result, email: request.email }) });
            }}
          />
        </Match>
      </Switch>
    </section>
  );
}
