import type { Locale } from '@serambi/shared';
import { fillPlaceholders, type MessageKey } from '@serambi/shared/i18n';
import { createContext, createEffect, createSignal, type ParentProps, useContext } from 'solid-js';
import { preferredLocale, rememberLocale } from './locale-preference.ts';
import { bundleOfKey, type FlatMessages, type MessageBundle } from './message-bundles.ts';

export type MessageParams = Record<string, string | number>;

export interface I18n {
  locale: () => Locale;
  setLocale: (locale: Locale) => void;
  /** The message in the current language, with `{name}` placeholders filled from `params`. */
  t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n>();

type BundleModule = Promise<{ default: FlatMessages }>;

/** Each bundle in each language, loaded on first use (web/build/message-bundles-plugin.ts cuts them). */
const loaders: Record<MessageBundle, Record<Locale, () => BundleModule>> = {
  site: { id: () => import('virtual:messages/site.id'), en: () => import('virtual:messages/site.en') },
  public: { id: () => import('virtual:messages/public.id'), en: () => import('virtual:messages/public.en') },
  materials: {
    id: () => import('virtual:messages/materials.id'),
    en: () => import('virtual:messages/materials.en'),
  },
  afterSession: {
    id: () => import('virtual:messages/afterSession.id'),
    en: () => import('virtual:messages/afterSession.en'),
  },
  verify: { id: () => import('virtual:messages/verify.id'), en: () => import('virtual:messages/verify.en') },
  invitations: {
    id: () => import('virtual:messages/invitations.id'),
    en: () => import('virtual:messages/invitations.en'),
  },
  devices: { id: () => import('virtual:messages/devices.id'), en: () => import('virtual:messages/devices.en') },
  checks: { id: () => import('virtual:messages/checks.id'), en: () => import('virtual:messages/checks.en') },
  room: { id: () => import('virtual:messages/room.id'), en: () => import('virtual:messages/room.en') },
  breakouts: {
    id: () => import('virtual:messages/breakouts.id'),
    en: () => import('virtual:messages/breakouts.en'),
  },
  panels: { id: () => import('virtual:messages/panels.id'), en: () => import('virtual:messages/panels.en') },
  asking: { id: () => import('virtual:messages/asking.id'), en: () => import('virtual:messages/asking.en') },
  console: { id: () => import('virtual:messages/console.id'), en: () => import('virtual:messages/console.en') },
  manage: { id: () => import('virtual:messages/manage.id'), en: () => import('virtual:messages/manage.en') },
};

// One app per page: its language and the messages loaded so far live here, so the code that
// starts the app can load them before anything is drawn.
const [locale, setLocaleSignal] = createSignal<Locale>(preferredLocale());
const [messages, setMessages] = createSignal<Record<Locale, FlatMessages>>({ id: {}, en: {} });
const loading = new Map<string, Promise<void>>();
/** Bundles some page asked for: a change of language loads them all in the new one first. */
const wanted = new Set<MessageBundle>();
const reported = new Set<string>();

function loadBundle(bundle: MessageBundle, inLocale: Locale): Promise<void> {
  const id = `${bundle}.${inLocale}`;
  const known = loading.get(id);
  if (known) return known;
  const load = loaders[bundle][inLocale]().then(({ default: loaded }) => {
    setMessages((all) => ({ ...all, [inLocale]: { ...all[inLocale], ...loaded } }));
  });
  // A failed download (the network) may be tried again by the next page that needs it.
  load.catch(() => loading.delete(id));
  loading.set(id, load);
  return load;
}

/** The language the app shows now. */
export const currentLocale = locale;

/**
 * Loads message bundles in the current language (every page needs 'site'); pages name theirs
 * where their route is declared, so their code and their messages arrive together.
 */
export function loadMessages(bundles: readonly MessageBundle[]): Promise<void> {
  for (const bundle of bundles) wanted.add(bundle);
  return Promise.all(bundles.map((bundle) => loadBundle(bundle, locale()))).then(() => undefined);
}

/**
 * A key whose message is not here: its bundle is fetched (the text appears when it arrives,
 * as `t` is read reactively) and the page that forgot to name it is pointed out once. A key in
 * no bundle, or missing from a loaded one, stays visible so it gets noticed.
 */
function missing(key: string, inLocale: Locale): string {
  const bundle = bundleOfKey(key);
  if (bundle !== undefined && bundle !== 'server' && !loading.has(`${bundle}.${inLocale}`)) {
    if (!reported.has(bundle)) console.warn(`Message "${key}" read before its bundle "${bundle}" was loaded`);
    reported.add(bundle);
    wanted.add(bundle);
    void loadBundle(bundle, inLocale);
    return '';
  }
  if (!reported.has(key)) console.error(`Missing message "${key}" for locale "${inLocale}"`);
  reported.add(key);
  return key;
}

export function I18nProvider(props: ParentProps) {
  const t = (key: MessageKey, params: MessageParams = {}) => {
    const message = messages()[locale()][key];
    return message === undefined ? missing(key, locale()) : fillPlaceholders(message, params);
  };

  /** Switches once the new language's messages for everything loaded so far are here. */
  const setLocale = (next: Locale) => {
    rememberLocale(next);
    void Promise.all([...wanted].map((bundle) => loadBundle(bundle, next))).then(() => setLocaleSignal(next));
  };

  createEffect(() => {
    document.documentElement.lang = locale();
  });

  return <I18nContext.Provider value={{ locale, setLocale, t }}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be called inside <I18nProvider>');
  return context;
}
