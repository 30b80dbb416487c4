import { Router } from '@solidjs/router';
import { QueryClientProvider } from '@tanstack/solid-query';
import { ApiProvider } from '../api/ApiProvider.tsx';
import { createAppQueryClient } from '../api/query-client.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { AppLayout } from './AppLayout.tsx';
import { routes } from './routes.ts';

export function App() {
  const queryClient = createAppQueryClient();
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ApiProvider>
          <Router root={AppLayout}>{routes}</Router>
        </ApiProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
