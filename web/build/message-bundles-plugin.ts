import { LOCALES, type Locale } from '@serambi/shared';
import { dictionaries } from '@serambi/shared/i18n';
import { roomDictionaries } from '@serambi/shared/i18n/room';
import type { Plugin } from 'vite';
import { bundleOfKey, type FlatMessages, MESSAGE_BUNDLES, type MessageBundle } from '../src/i18n/message-bundles.ts';

const PREFIX = 'virtual:messages/';

function flatten(node: object, prefix: string, into: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') into[key] = value;
    else flatten(value as object, key, into);
  }
  return into;
}

/** Every message of a language, the room's included, by dotted key; fails on a key no bundle claims. */
function allMessages(locale: Locale): Map<MessageBundle, Record<string, string>> {
  const flat = flatten({ ...dictionaries[locale], ...roomDictionaries[locale] }, '', {});
  const bundles = new Map<MessageBundle, Record<string, string>>();
  const unclaimed: string[] = [];
  for (const [key, message] of Object.entries(flat)) {
    const bundle = bundleOfKey(key);
    if (bundle === undefined) unclaimed.push(key);
    else if (bundle !== 'server') bundles.set(bundle, { ...bundles.get(bundle), [key]: message });
  }
  if (unclaimed.length > 0) {
    throw new Error(
      `messages in no bundle of web/src/i18n/message-bundles.ts: ${unclaimed.slice(0, 5).join(', ')}` +
        `${unclaimed.length > 5 ? ` and ${unclaimed.length - 5} more` : ''}`,
    );
  }
  return bundles;
}

/**
 * `virtual:messages/<bundle>.<locale>`: one bundle's messages in one language as a flat object
 * (web/src/i18n/message-bundles.ts), cut at build time from shared/src/i18n, so the browser
 * downloads only the language and the part of the site it reads. The dev server reads the
 * dictionaries when it starts: restart it after changing a message.
 */
export function messageBundles(): Plugin {
  const byLocale = new Map(LOCALES.map((locale) => [locale, allMessages(locale)]));
  return {
    name: 'serambi-message-bundles',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const [bundle, locale] = id.slice(PREFIX.length + 1).split('.') as [MessageBundle, Locale];
      if (!(bundle in MESSAGE_BUNDLES) || !byLocale.has(locale)) throw new Error(`no message bundle ${id.slice(1)}`);
      const messages: FlatMessages = byLocale.get(locale)?.get(bundle) ?? {};
      return `export default ${JSON.stringify(messages)};`;
    },
  };
}
