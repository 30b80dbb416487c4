import { createContext, type ParentProps, useContext } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { type ApiClient, createApiClient } from './client.ts';

const ApiContext = createContext<ApiClient>();

export function ApiProvider(props: ParentProps) {
  const { locale } = useI18n();
  return <ApiContext.Provider value={createApiClient(locale)}>{props.children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be called inside <ApiProvider>');
  return api;
}
