import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadFontMetrics } from './font-metrics.ts';

const require = createRequire(import.meta.url);
const inter = loadFontMetrics(require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'));
const interBold = loadFontMetrics(require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'));

describe('how wide text is in a font, read from the font file', () => {
  it('grows in proportion to the font size', () => {
    const at10 = inter.width('Menulis untuk Web', 10);
    expect(at10).toBeGreaterThan(0);
    expect(inter.width('Menulis untuk Web', 20)).toBeCloseTo(at10 * 2, 6);
  });

  it('adds up the width of each character (no kerning)', () => {
    expect(inter.width('AV', 32)).toBeCloseTo(inter.width('A', 32) + inter.width('V', 32), 6);
    expect(inter.width('', 32)).toBe(0);
  });

  it('tells a wide letter from a narrow one, and a bold face from a regular one', () => {
    expect(inter.width('W', 32)).toBeGreaterThan(inter.width('i', 32) * 2);
    expect(inter.width('iiii', 32)).toBeLessThan(inter.width('WWWW', 32));
    expect(interBold.width('Sertifikat Kehadiran', 32)).toBeGreaterThan(inter.width('Sertifikat Kehadiran', 32));
  });

  it('knows which characters the font has: Latin, accented and Cyrillic, not Devanagari or Thai', () => {
    for (const char of ['a', 'Z', 'é', 'ř', 'Ж', '€']) expect(inter.covers(char), char).toBe(true);
    for (const char of ['क', 'ก', '漢']) expect(inter.covers(char), char).toBe(false);
  });

  it('measures a character the font lacks as its .notdef box, the same for every such character', () => {
    const missing = inter.width('क', 20);
    expect(missing).toBeGreaterThan(0);
    expect(inter.width('ก', 20)).toBeCloseTo(missing, 6);
    expect(inter.width('aक', 20)).toBeCloseTo(inter.width('a', 20) + missing, 6);
  });

  it('counts a character outside the Basic Multilingual Plane once, not as two halves', () => {
    expect(inter.width('😀', 20)).toBeCloseTo(inter.width('ก', 20), 6);
  });
});
