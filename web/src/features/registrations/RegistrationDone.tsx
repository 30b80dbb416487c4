import type { RegistrationResult } from '@serambi/shared';
import { Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LineIcon } from '../../ui/LineIcon.tsx';
import './registrations.css';

/** After registering: where the personal link went, and the place on the waitlist if full. */
export function RegistrationDone(props: { result: RegistrationResult; email: string; onAnother: () => void }) {
  const { t } = useI18n();
  return (
    <div class="registration-done" role="status" data-testid="registration-done" data-status={props.result.status}>
      <span class="registration-done__icon">
        <LineIcon size={28}>
          <rect x="3" y="5" width="18" height="14" rx="2.5" />
          <path d="m3.5 6.5 8.5 6.5 8.5-6.5" />
        </LineIcon>
      </span>
      <Switch>
        <Match when={props.result.status === 'waitlisted'}>
          <h3>{t('registration.waitlistedTitle', { position: props.result.waitlistPosition ?? 0 })}</h3>
          <p>{t('registration.waitlistedBody', { email: props.email })}</p>
        </Match>
        <Match when={props.result.alreadyRegistered}>
          <h3>{t('registration.againTitle')}</h3>
          <p>{t('registration.againBody', { email: props.email })}</p>
        </Match>
        <Match when={true}>
          <h3>{t('registration.doneTitle')}</h3>
          <p>{t('registration.doneBody', { email: props.email })}</p>
        </Match>
      </Switch>
      <button type="button" class="button button--quiet button--small" onClick={() => props.onAnother()}>
        {t('registration.registerAnother')}
      </button>
    </div>
  );
}
