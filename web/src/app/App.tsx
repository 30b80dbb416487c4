import { Route, Router } from '@solidjs/router';
import { QueryClientProvider } from '@tanstack/solid-query';
import { lazy } from 'solid-js';
import { ApiProvider } from '../api/ApiProvider.tsx';
import { createAppQueryClient } from '../api/query-client.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { AppLayout } from './AppLayout.tsx';

const HomePage = lazy(() => import('../pages/HomePage.tsx'));
const DeviceCheckPage = lazy(() => import('../pages/DeviceCheckPage.tsx'));
const SignUpPage = lazy(() => import('../pages/SignUpPage.tsx'));
const SignInPage = lazy(() => import('../pages/SignInPage.tsx'));
const ForgotPasswordPage = lazy(() => import('../pages/ForgotPasswordPage.tsx'));
const ResetPasswordPage = lazy(() => import('../pages/ResetPasswordPage.tsx'));
const NewCommunityPage = lazy(() => import('../pages/NewCommunityPage.tsx'));
const MyCommunitiesPage = lazy(() => import('../pages/MyCommunitiesPage.tsx'));
const ManageCommunityPage = lazy(() => import('../pages/ManageCommunityPage.tsx'));
const SessionEditorPage = lazy(() => import('../pages/SessionEditorPage.tsx'));
const RegistrantsPage = lazy(() => import('../pages/RegistrantsPage.tsx'));
const SessionReportPage = lazy(() => import('../pages/SessionReportPage.tsx'));
const SeriesReportPage = lazy(() => import('../pages/SeriesReportPage.tsx'));
const NewSeriesPage = lazy(() => import('../pages/NewSeriesPage.tsx'));
const CommunityPage = lazy(() => import('../pages/CommunityPage.tsx'));
const SessionPage = lazy(() => import('../pages/SessionPage.tsx'));
const SeriesPage = lazy(() => import('../pages/SeriesPage.tsx'));
const MyRegistrationPage = lazy(() => import('../pages/MyRegistrationPage.tsx'));
const RoomPage = lazy(() => import('../pages/RoomPage.tsx'));
const SpeakerInvitationPage = lazy(() => import('../pages/SpeakerInvitationPage.tsx'));
const OrganizerInvitationPage = lazy(() => import('../pages/OrganizerInvitationPage.tsx'));
const VerifyPage = lazy(() => import('../pages/VerifyPage.tsx'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx'));

export function App() {
  const queryClient = createAppQueryClient();
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ApiProvider>
          <Router root={AppLayout}>
            <Route path="/" component={HomePage} />
            <Route path="/check" component={DeviceCheckPage} />
            <Route path="/signup" component={SignUpPage} />
            <Route path="/signin" component={SignInPage} />
            <Route path="/forgot-password" component={ForgotPasswordPage} />
            <Route path="/reset-password" component={ResetPasswordPage} />
            <Route path="/new" component={NewCommunityPage} />
            <Route path="/manage" component={MyCommunitiesPage} />
            <Route path="/manage/:slug" component={ManageCommunityPage} />
            <Route path="/manage/:slug/sessions/new" component={SessionEditorPage} />
            <Route path="/manage/:slug/sessions/:ref" component={SessionEditorPage} />
            <Route path="/manage/:slug/sessions/:ref/registrants" component={RegistrantsPage} />
            <Route path="/manage/:slug/sessions/:ref/report" component={SessionReportPage} />
            <Route path="/manage/:slug/series/new" component={NewSeriesPage} />
            <Route path="/manage/:slug/series/:id/report" component={SeriesReportPage} />
            <Route path="/c/:slug" component={CommunityPage} />
            <Route path="/s/:slug" component={SessionPage} />
            <Route path="/series/:id" component={SeriesPage} />
            <Route path="/live/:ref" component={RoomPage} />
            {/* Addresses in mails: keep them as they are. */}
            <Route path="/j/:secret" component={MyRegistrationPage} />
            <Route path="/j/:secret/live" component={RoomPage} />
            <Route path="/speak/:secret" component={SpeakerInvitationPage} />
            <Route path="/invitations/:secret" component={OrganizerInvitationPage} />
            {/* The QR code on every certificate PDF points here: keep it as it is. */}
            <Route path="/verify" component={VerifyPage} />
            <Route path="/verify/:number" component={VerifyPage} />
            <Route path="*" component={NotFoundPage} />
          </Router>
        </ApiProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
