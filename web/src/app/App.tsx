import { Route, Router } from '@solidjs/router';
import { QueryClientProvider } from '@tanstack/solid-query';
import { lazy } from 'solid-js';
import { ApiProvider } from '../api/ApiProvider.tsx';
import { createAppQueryClient } from '../api/query-client.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { AppLayout } from './AppLayout.tsx';

const HomePage = lazy(() => import('../pages/HomePage.tsx'));
const DeviceCheckPage = lazy(() => import('../pages/DeviceCheckPage.tsx'));
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
            <Route path="*" component={NotFoundPage} />
          </Router>
        </ApiProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
