import type { Replay } from '@serambi/shared';
import { A, useLocation } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createUniqueId, Index, Match, Show, Switch } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmEmailNotice } from '../accounts/ConfirmEmail.tsx';
import { isEmailUnconfirmed } from '../accounts/email-confirmation.ts';
import { withNext } from '../accounts/next-path.ts';
import { ReplayPart } from './ReplayPart.tsx';
import { type ReplaySource, replayQuery } from './recordings-api.ts';
import './recordings.css';

/**
 * A session's replay once it is over: each recorded part with its chapters, or a line saying why
 * there is nothing to watch (being prepared, sign in, confirm your address, registrants or
 * organizers only, deleted).
 * A session that was not recorded shows nothing.
 */
export function ReplaySection(props: { source: ReplaySource; title: string; class?: string }) {
  const { t } = useI18n();
  const api = useApi();
  const location = useLocation();
  const replay = useQuery(() => replayQuery(api, props.source));
  const headingId = createUniqueId();
  const shown = (): Replay | undefined => (replay.data?.state === 'none' ? undefined : replay.data);
  const unconfirmed = () => (isEmailUnconfirmed(replay.error) ? replay.error : undefined);
  const failed = () =>
    replay.isError && !unconfirmed() && !(replay.error instanceof ApiProblem && replay.error.status === 404);
  return (
    <Show when={shown() || failed() || unconfirmed()}>
      <section
        class={`replay ${props.class ?? ''}`}
        aria-labelledby={headingId}
        data-testid="replay"
        data-state={replay.data?.state}
      >
        <h2 id={headingId} class="section-heading">
          {t('replay.heading')}
        </h2>
        <Show when={unconfirmed()}>
          {(problem) => <ConfirmEmailNotice problem={problem()} onRetry={() => replay.refetch()} />}
        </Show>
        <Show
          when={shown()}
          fallback={
            <Show when={failed()}>
              <p class="notice notice--problem">{t('forms.loadFailed')}</p>
            </Show>
          }
        >
          {(found) => (
            <Switch>
              <Match when={found().state === 'available' && found().parts.length > 0}>
                <div class="replay__parts">
                  <Index each={found().parts}>
                    {(part) => (
                      <ReplayPart
                        part={part()}
                        title={props.title}
                        numbered={found().parts.length > 1}
                        renewAddresses={() => replay.refetch()}
                      />
                    )}
                  </Index>
                </div>
              </Match>
              <Match when={found().state === 'processing'}>
                <p class="replay__note replay__note--processing" role="status" data-testid="replay-processing">
                  <span class="replay__spinner" aria-hidden="true" />
                  {t('replay.processing')}
                </p>
              </Match>
              <Match when={found().state === 'sign_in'}>
                <div class="replay__note">
                  <p>{t('replay.signIn')}</p>
                  <A href={withNext('/signin', location.pathname)} class="button button--primary">
                    {t('replay.signInAction')}
                  </A>
                </div>
              </Match>
              <Match when={found().state === 'registrants_only'}>
                <p class="replay__note">{t('replay.registrantsOnly')}</p>
              </Match>
              <Match when={found().state === 'organizers_only'}>
                <p class="replay__note">{t('replay.organizersOnly')}</p>
              </Match>
              <Match when={found().state === 'expired'}>
                <p class="replay__note">{t('replay.expired')}</p>
              </Match>
            </Switch>
          )}
        </Show>
      </section>
    </Show>
  );
}
