import type { RouteDefinition } from '@solidjs/router';
import { type Component, lazy } from 'solid-js';
import { loadMessages } from '../i18n/I18nProvider.tsx';
import type { MessageBundle } from '../i18n/message-bundles.ts';

interface Page {
  path: string | string[];
  load: () => Promise<{ default: Component }>;
  /** The message bundles it reads besides the site's (web/src/i18n/message-bundles.ts). */
  messages: MessageBundle[];
}

const visitor: MessageBundle[] = ['public'];
// Organizers' pages are mostly forms, and show what sessions left behind.
const organizer: MessageBundle[] = [
  'public',
  'manage',
  'checks',
  'afterSession',
  'devices',
  'panels',
  'asking',
  'materials',
];

/** Every page, its code and its messages loaded together when it is first shown. */
const pages: Page[] = [
  { path: '/', load: () => import('../pages/HomePage.tsx'), messages: [] },
  { path: '/check', load: () => import('../pages/DeviceCheckPage.tsx'), messages: ['devices'] },
  { path: '/signup', load: () => import('../pages/SignUpPage.tsx'), messages: [] },
  { path: '/signin', load: () => import('../pages/SignInPage.tsx'), messages: [] },
  { path: '/forgot-password', load: () => import('../pages/ForgotPasswordPage.tsx'), messages: [] },
  { path: '/reset-password', load: () => import('../pages/ResetPasswordPage.tsx'), messages: [] },
  { path: '/new', load: () => import('../pages/NewCommunityPage.tsx'), messages: organizer },
  { path: '/manage', load: () => import('../pages/MyCommunitiesPage.tsx'), messages: organizer },
  { path: '/manage/:slug', load: () => import('../pages/ManageCommunityPage.tsx'), messages: organizer },
  {
    path: ['/manage/:slug/sessions/new', '/manage/:slug/sessions/:ref'],
    load: () => import('../pages/SessionEditorPage.tsx'),
    messages: organizer,
  },
  {
    path: '/manage/:slug/sessions/:ref/registrants',
    load: () => import('../pages/RegistrantsPage.tsx'),
    messages: organizer,
  },
  {
    path: '/manage/:slug/sessions/:ref/report',
    load: () => import('../pages/SessionReportPage.tsx'),
    messages: organizer,
  },
  { path: '/manage/:slug/series/new', load: () => import('../pages/NewSeriesPage.tsx'), messages: organizer },
  { path: '/manage/:slug/series/:id/report', load: () => import('../pages/SeriesReportPage.tsx'), messages: organizer },
  { path: '/c/:slug', load: () => import('../pages/CommunityPage.tsx'), messages: visitor },
  { path: '/s/:slug', load: () => import('../pages/SessionPage.tsx'), messages: visitor },
  { path: '/series/:id', load: () => import('../pages/SeriesPage.tsx'), messages: visitor },
  // `/j/…` are the addresses in mails: keep them as they are.
  { path: ['/live/:ref', '/j/:secret/live'], load: () => import('../pages/RoomPage.tsx'), messages: ['room'] },
  { path: '/j/:secret', load: () => import('../pages/MyRegistrationPage.tsx'), messages: visitor },
  {
    path: '/speak/:secret',
    load: () => import('../pages/SpeakerInvitationPage.tsx'),
    messages: [...visitor, 'invitations'],
  },
  {
    path: '/invitations/:secret',
    load: () => import('../pages/OrganizerInvitationPage.tsx'),
    messages: [...organizer, 'invitations'],
  },
  // The QR code on every certificate PDF points here: keep it as it is.
  {
    path: ['/verify', '/verify/:number'],
    load: () => import('../pages/VerifyPage.tsx'),
    messages: ['verify', 'checks'],
  },
  { path: '*', load: () => import('../pages/NotFoundPage.tsx'), messages: [] },
];

const loadPage = (page: Page) => Promise.all([page.load(), loadMessages(page.messages)]).then(([module]) => module);

export const routes: RouteDefinition[] = pages.map((page) => ({
  path: page.path,
  component: lazy(() => loadPage(page)),
}));

/** Whether `path` ("/j/:secret/live") matches `pathname` ("/j/abc/live"); "*" matches anything. */
function matches(path: string, pathname: string): boolean {
  if (path === '*') return true;
  const expected = path.split('/').filter(Boolean);
  const actual = pathname.split('/').filter(Boolean);
  return (
    expected.length === actual.length &&
    expected.every((segment, i) => segment.startsWith(':') || segment === decodeURIComponent(actual[i] ?? ''))
  );
}

/**
 * Starts loading the code and messages of the page at `pathname` as the app starts, beside the
 * site's own, rather than after the router has drawn the layout.
 */
export function preloadPage(pathname: string): void {
  const page = pages.find(({ path }) => [path].flat().some((one) => one !== '*' && matches(one, pathname)));
  const shown = page ?? pages.at(-1);
  if (shown) void loadPage(shown);
}
