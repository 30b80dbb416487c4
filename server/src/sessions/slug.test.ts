import { describe, expect, it } from 'vitest';
import { sessionSlug } from './slug.ts';

/** The words of a slug: all but its random tail. */
const wordsOf = (slug: string) => slug.split('-').slice(0, -1).join('-');
const tailOf = (slug: string) => slug.split('-').at(-1) ?? '';

describe('a session page’s address', () => {
  it('makes the title’s words lower-case and joins them with hyphens', () => {
    expect(wordsOf(sessionSlug('Sharing Online #3: Belajar Rust'))).toBe('sharing-online-3-belajar-rust');
  });

  it('drops accents rather than the letters that carry them', () => {
    expect(wordsOf(sessionSlug('Café Señor Über'))).toBe('cafe-senor-uber');
  });

  it('ends with a short random tail of letters and digits, different each time', () => {
    const slugs = new Set(Array.from({ length: 20 }, () => sessionSlug('Sharing Online #3')));
    expect(slugs.size).toBe(20);
    for (const slug of slugs) expect(tailOf(slug)).toMatch(/^[a-z0-9]{7}$/);
  });

  it('keeps at most 60 characters of words, never ending them on a hyphen', () => {
    const slug = sessionSlug(`${'a'.repeat(59)} b c`);
    expect(wordsOf(slug)).toBe('a'.repeat(59));
  });

  it('is only the tail for a title with no letters or digits to keep', () => {
    const slug = sessionSlug('🎉 — 山田');
    expect(slug).toMatch(/^[a-z0-9]{7}$/);
  });
});
