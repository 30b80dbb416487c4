import type { MessageKey } from '@serambi/shared/i18n';
import { A } from '@solidjs/router';
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { usePageTitle } from '../app/page-title.ts';
import { useCurrentUser } from '../features/accounts/accounts-api.ts';
import { withNext } from '../features/accounts/next-path.ts';
import { CameraIcon, MicrophoneIcon } from '../features/devices/icons.tsx';
import { SystemStatusPanel } from '../features/health/SystemStatusPanel.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LineIcon } from '../ui/LineIcon.tsx';

export default function HomePage() {
  const { t } = useI18n();
  usePageTitle();
  const user = useCurrentUser();
  return (
    <div class="page home">
      <section class="hero">
        <div class="hero__text">
          <p class="eyebrow">{t('app.tagline')}</p>
          <h1 class="hero__title">{t('home.title')}</h1>
          <p class="hero__lead">{t('home.lead')}</p>
          <div class="hero__actions">
            <A href={user.data ? '/new' : withNext('/signup', '/new')} class="button button--primary button--large">
              {t('home.createCommunity')}
            </A>
            <Show when={user.data}>
              <A href="/manage" class="button">
                {t('account.myCommunities')}
              </A>
            </Show>
            <A href="/check" class="button">
              <CameraIcon size={20} />
              {t('home.checkDevices')}
            </A>
          </div>
          <Show when={user.data === null}>
            <p class="hero__signin">
              {t('auth.haveAccount')} <A href="/signin">{t('auth.signIn')}</A>
            </p>
          </Show>
        </div>
        <div class="hero__aside">
          <SystemStatusPanel />
        </div>
      </section>
      <FeatureHighlights />
    </div>
  );
}

const FEATURES: ReadonlyArray<{ message: MessageKey; icon: () => JSX.Element }> = [
  { message: 'home.features.schedule', icon: CalendarIcon },
  { message: 'home.features.live', icon: () => <MicrophoneIcon /> },
  { message: 'home.features.after', icon: CertificateIcon },
];

function FeatureHighlights() {
  const { t } = useI18n();
  const headingId = createUniqueId();
  return (
    <section class="features" aria-labelledby={headingId}>
      <h2 id={headingId} class="section-heading">
        {t('home.featuresHeading')}
      </h2>
      <ul class="feature-list">
        <For each={FEATURES}>
          {(feature) => (
            <li class="feature">
              <span class="feature__icon">{feature.icon()}</span>
              <p class="feature__text">{t(feature.message)}</p>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

function CalendarIcon() {
  return (
    <LineIcon>
      <rect x="3.5" y="5" width="17" height="15" rx="2.5" />
      <path d="M3.5 10h17M8 3v4M16 3v4M8 14h2M14 14h2M8 17h2" />
    </LineIcon>
  );
}

function CertificateIcon() {
  return (
    <LineIcon>
      <path d="M14 4H6.5A2.5 2.5 0 0 0 4 6.5v9A2.5 2.5 0 0 0 6.5 18H11" />
      <path d="M8 8.5h8M8 12h4" />
      <circle cx="17" cy="14" r="3.5" />
      <path d="m15.3 17.1-.8 4 2.5-1.3 2.5 1.3-.8-4" />
    </LineIcon>
  );
}
