import type { MyRegistration } from '@serambi/shared';
import { Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import './registrations.css';

/** "Registered", "On the waitlist, number 3" or "Cancelled", in words and with the name it was made for. */
export function RegistrationStatus(props: { registration: MyRegistration }) {
  const { t } = useI18n();
  return (
    <div
      class={`registration-status registration-status--${props.registration.status}`}
      data-testid="registration-status"
      data-status={props.registration.status}
    >
      <p class="registration-status__greeting">{t('myRegistration.greeting', { name: props.registration.name })}</p>
      <Switch>
        <Match when={props.registration.status === 'registered'}>
          <p class="registration-status__state">{t('myRegistration.registered')}</p>
          <p>{t('myRegistration.registeredBody')}</p>
        </Match>
        <Match when={props.registration.status === 'waitlisted'}>
          <p class="registration-status__state">
            {t('myRegistration.waitlisted', { position: props.registration.waitlistPosition ?? 0 })}
          </p>
          <p>{t('myRegistration.waitlistedBody')}</p>
        </Match>
        <Match when={props.registration.status === 'cancelled'}>
          <p class="registration-status__state">{t('myRegistration.cancelled')}</p>
        </Match>
      </Switch>
    </div>
  );
}
