import type { Session } from '@serambi/shared';
import { Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { seatsLeft } from './seats.ts';
import './sessions.css';

/** "12 of 50 seats left", "Full: join the waitlist (3 waiting)", or "Free, no seat limit". */
export function SeatsLeft(props: { session: Session }) {
  const { t } = useI18n();
  const left = () => seatsLeft(props.session);
  return (
    <p class="seats" data-testid="seats-left">
      <Switch>
        <Match when={left() === null}>{t('registration.noLimit')}</Match>
        <Match when={left() === 0}>
          <strong class="seats__full">{t('registration.full')}</strong>{' '}
          {t('registration.waitingCount', { count: props.session.waitlistedCount })}
        </Match>
        <Match when={true}>
          {t('registration.seatsLeft', { left: left() ?? 0, capacity: props.session.capacity ?? 0 })}
        </Match>
      </Switch>
    </p>
  );
}
