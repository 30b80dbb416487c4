import type { Locale } from '@serambi/shared';
import { dictionaries, fillPlaceholders, type MessageKey } from '@serambi/shared/i18n';
import * as i18n from '@solid-primitives/i18n';
import { createContext, createEffect, createMemo, createSignal, type ParentProps, useContext } from 'solid-js';
import { preferredLocale, rememberLocale } from './locale-preference.ts';

export type MessageParams = Record<string, string | number>;

export interface I18n {
  locale: () => Locale;
  setLocale: (locale: Locale) => void;
  /** The message in the current language, with `{name}` placeholders filled from `params`. */
  t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n>();

/** Messages a lazily loaded page brings along (the room's), by language. */
const [extraMessages, setExtraMessages] = createSignal<Record<string, unknown>[]>([]);

/**
 * Adds a page's own messages to every language; called by the page's module when its code
 * arrives, before it renders, so the first page load does not carry them.
 */
export function registerMessages(messages: Record<Locale, Record<string, unknown>>): void {
  setExtraMessages((known) => [...known, messages]);
}

export function I18nProvider(props: ParentProps) {
  const [locale, setLocaleSignal] = createSignal(preferredLocale());
  const flatMessages = createMemo(() =>
    i18n.flatten(
      Object.assign({}, dictionaries[locale()], ...extraMessages().map((m) => m[locale()])) as Record<string, unknown>,
    ),
  );
  const lookUp = i18n.translator(flatMessages);

  const t = (key: MessageKey, params: MessageParams = {}) => fillPlaceholders(lookUp(key) as string, params);

  const setLocale = (next: Locale) => {
    setLocaleSignal(next);
    rememberLocale(next);
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
