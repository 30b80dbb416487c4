import type { Series, SeriesRegistrationResult } from '@serambi/shared';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { RegistrationForm } from '../registrations/RegistrationForm.tsx';
import { isOpenForRegistration } from '../sessions/seats.ts';
import { useRegisterForSeries } from './series-api.ts';
import './series.css';

/** One form for every open session of the series; one mail comes back with every personal link. */
export function SeriesRegistration(props: { series: Series }) {
  const { t } = useI18n();
  const register = useRegisterForSeries(() => props.series.id);
  const [done, setDone] = createSignal<{ result: SeriesRegistrationResult; email: string }>();
  const headingId = createUniqueId();
  const open = createMemo(() => props.series.sessions.filter(isOpenForRegistration));
  return (
    <Show when={open().length > 0}>
      <section class="card registration-card" aria-labelledby={headingId}>
        <h2 id={headingId} class="registration-card__heading">
          {t('series.registerAll')}
        </h2>
        <p class="field__hint">{t('series.registerAllHint', { count: open().length })}</p>
        <Show
          when={done()}
          fallback={
            <RegistrationForm
              questions={open()[0]?.questions ?? []}
              pending={register.isPending}
              error={register.error}
              submitLabel={t('series.registerAllAction', { count: open().length })}
              onSubmit={(request) =>
                register.mutate(request, { onSuccess: (result) => setDone({ result, email: request.email }) })
              }
            />
          }
        >
          {(registration) => (
            <div class="registration-done" role="status" data-testid="series-registration-done">
              <h3>{t('registration.doneTitle')}</h3>
              <p>{t('series.registeredAllBody', { email: registration().email })}</p>
              <ul class="series-results">
                <For each={registration().result.sessions}>
                  {(session) => (
                    <li>
                      #{session.number}:{' '}
                      {session.status === 'registered'
                        ? t('myRegistration.registered')
                        : t('myRegistration.waitlisted', { position: session.waitlistPosition ?? 0 })}
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </Show>
      </section>
    </Show>
  );
}
