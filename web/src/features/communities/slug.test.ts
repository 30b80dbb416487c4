import { SLUG_PATTERN } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { suggestSlug } from './slug.ts';

describe('the address suggested from a community name', () => {
  it('is lowercase words joined by dashes', () => {
    expect(suggestSlug('Komunitas Bisnis Bali')).toBe('komunitas-bisnis-bali');
  });

  it('drops accents and punctuation and trims dashes', () => {
    expect(suggestSlug('  Café & Kopi — Yogyakarta! ')).toBe('cafe-kopi-yogyakarta');
  });

  it('always fits the slug rule the server checks', () => {
    for (const name of ['Sharing Online #1', 'a'.repeat(100), 'UMKM Naik Kelas 2026', '-x-']) {
      expect(suggestSlug(name)).toMatch(SLUG_PATTERN);
    }
  });
});
