import { A, useLocation } from '@solidjs/router';
import { type JSX, Match, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { AccountUser } from '../../api/auth.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCurrentUser } from './accounts-api.ts';
import { withNext } from './next-path.ts';

/**
 * Shows `children` to a signed-in person; anyone else is asked to sign in (or up) and brought back
 * here, with `email` (e.g. the invited address) pre-filled on both forms.
 */
export function SignedInOnly(props: {
  title?: string;
  reason?: string;
  email?: string;
  /** Inside a page that has its own heading: the prompt is a card with an h2. */
  embedded?: boolean;
  children: (user: AccountUser) => JSX.Element;
}) {
  const { t } = useI18n();
  const location = useLocation();
  const user = useCurrentUser();
  const here = () => location.pathname + location.search;
  return (
    <Switch>
      <Match when={user.data}>{(signedIn) => props.children(signedIn())}</Match>
      <Match when={user.data === null}>
        <div class={props.embedded ? 'card sign-in-needed' : 'page page--narrow sign-in-needed'}>
          <Dynamic component={props.embedded ? 'h2' : 'h1'}>{props.title ?? t('auth.needed.title')}</Dynamic>
          <p class="page__lead">{props.reason ?? t('auth.needed.body')}</p>
          <div class="button-row">
            <A href={withNext('/signin', here(), props.email)} class="button button--primary">
              {t('auth.signIn')}
            </A>
            <A href={withNext('/signup', here(), props.email)} class="button">
              {t('auth.signUp')}
            </A>
          </div>
        </div>
      </Match>
      <Match when={user.isError}>
        <p class="notice notice--problem" role="alert">
          {t('forms.networkError')}
        </p>
      </Match>
    </Switch>
  );
}
