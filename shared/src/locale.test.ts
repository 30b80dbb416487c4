import { describe, expect, it } from 'vitest';
import { dictionaries, translate } from './i18n/index.ts';
import { roomDictionaries } from './i18n/room-messages.ts';
import { intlLocaleOf, negotiateLocale } from './locale.ts';

describe('language negotiation', () => {
  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['fr-FR,en;q=0.5', 'en'],
    ['de-DE,de;q=0.9', 'en'],
    ['jv-ID', 'id'],
    ['*', 'id'],
    ['in-ID', 'id'],
    ['en;q=0.2,id;q=0.8', 'id'],
    ['', 'id'],
  ])('picks from Accept-Language %j → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('reads navigator.languages in order', () => {
    expect(negotiateLocale(['ja', 'en-GB', 'id'])).toBe('en');
    expect(negotiateLocale([])).toBe('id');
    expect(negotiateLocale(undefined)).toBe('id');
  });
});

describe('Intl formatting', () => {
  it('writes the day before the month in both languages, as Indonesian readers do', () => {
    const longDate = (locale: 'id' | 'en') =>
      new Intl.DateTimeFormat(intlLocaleOf(locale), { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(
        new Date('2025-12-07T12:00:00Z'),
      );
    expect(longDate('id')).toBe('7 Desember 2025');
    expect(longDate('en')).toBe('7 December 2025');
  });
});

describe('messages', () => {
  const paths = (node: unknown, prefix = ''): string[] =>
    Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
      typeof value === 'string' ? [`${prefix}${key}`] : paths(value, `${prefix}${key}.`),
    );

  it('exist in Indonesian and English with the same keys, none empty', () => {
    expect(paths(dictionaries.en)).toEqual(paths(dictionaries.id));
    for (const locale of ['id', 'en'] as const) {
      for (const key of paths(dictionaries[locale])) {
        expect(translate(locale, key as never).trim(), `${locale}:${key}`).not.toBe('');
      }
    }
  });

  it('of the room exist in Indonesian and English with the same keys, none empty', () => {
    expect(paths(roomDictionaries.en)).toEqual(paths(roomDictionaries.id));
    for (const locale of ['id', 'en'] as const) {
      for (const key of paths(roomDictionaries[locale])) {
        let node: unknown = roomDictionaries[locale];
        for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
        expect(String(node).trim(), `${locale}:${key}`).not.toBe('');
      }
    }
  });
});
