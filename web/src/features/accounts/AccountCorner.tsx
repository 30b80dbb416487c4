import { A, useLocation } from '@solidjs/router';
import { Match, Suspense, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { lazyComponent } from '../../ui/lazy-component.ts';
import { useCurrentUser } from './accounts-api.ts';
import { withNext } from './next-path.ts';
import './accounts.css';

// Only a signed-in visitor has a menu: its code (and signing out) loads for them alone.
const AccountMenu = lazyComponent(() => import('./AccountMenu.tsx').then((module) => module.AccountMenu));

/** The header's corner: the signed-in person with their menu, or a way to sign in. */
export function AccountCorner() {
  const { t } = useI18n();
  const location = useLocation();
  const user = useCurrentUser();
  const onAuthPage = () => ['/signin', '/signup'].includes(location.pathname);
  return (
    <div class="account-corner">
      <Switch>
        <Match when={user.data}>
          {(signedIn) => (
            <Suspense>
              <AccountMenu user={signedIn()} />
            </Suspense>
          )}
        </Match>
        <Match when={(user.data === null || user.isError) && !onAuthPage()}>
          <A href={withNext('/signin', location.pathname + location.search)} class="button button--small">
            {t('auth.signIn')}
          </A>
        </Match>
      </Switch>
    </div>
  );
}
