import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, on, onCleanup, Show } from 'solid-js';
import type { AccountUser } from '../../api/auth.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LineIcon } from '../../ui/LineIcon.tsx';
import { useSignOut } from './accounts-api.ts';
import './accounts.css';

/** The signed-in person's menu in the header's corner: their communities, a new one, signing out. */
export function AccountMenu(props: { user: AccountUser }) {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [open, setOpen] = createSignal(false);
  const menuId = createUniqueId();
  let root: HTMLDivElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  const close = (returnFocus = false) => {
    setOpen(false);
    if (returnFocus) toggle?.focus();
  };
  // Any navigation, from the menu or elsewhere, closes it.
  createEffect(
    on(
      () => location.pathname,
      () => close(),
      { defer: true },
    ),
  );

  const closeWhenOutside = (event: Event) => {
    if (root && event.target instanceof Node && !root.contains(event.target)) close();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) close(true);
  };
  document.addEventListener('pointerdown', closeWhenOutside);
  document.addEventListener('focusin', closeWhenOutside);
  document.addEventListener('keydown', closeOnEscape);
  onCleanup(() => {
    document.removeEventListener('pointerdown', closeWhenOutside);
    document.removeEventListener('focusin', closeWhenOutside);
    document.removeEventListener('keydown', closeOnEscape);
  });

  const signOutAndLeave = () => {
    signOut.mutate(undefined, { onSuccess: () => navigate('/') });
  };

  return (
    <div ref={root} class="account-menu">
      <button
        ref={toggle}
        type="button"
        class="account-menu__toggle"
        aria-expanded={open()}
        aria-controls={menuId}
        onClick={() => setOpen(!open())}
      >
        <span class="avatar" aria-hidden="true">
          {initials(props.user.name)}
        </span>
        <span class="account-menu__name">{props.user.name}</span>
        <span class="visually-hidden">{t('account.menu')}</span>
        <LineIcon size={16}>
          <path d="m6 9 6 6 6-6" />
        </LineIcon>
      </button>
      <Show when={open()}>
        <div id={menuId} class="account-menu__panel">
          <p class="account-menu__who">
            <strong>{props.user.name}</strong>
            <span>{props.user.email}</span>
          </p>
          <ul class="account-menu__list">
            <li>
              <A href="/manage" class="account-menu__item">
                {t('account.myCommunities')}
              </A>
            </li>
            <li>
              <A href="/new" class="account-menu__item">
                {t('account.newCommunity')}
              </A>
            </li>
            <li>
              <button type="button" class="account-menu__item" onClick={signOutAndLeave}>
                {t('account.signOut')}
              </button>
            </li>
          </ul>
        </div>
      </Show>
    </div>
  );
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}
