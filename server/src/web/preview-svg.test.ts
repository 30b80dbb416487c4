import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { loadFontMetrics } from '../certificates/font-metrics.ts';
import { drawable, type PreviewCard, previewSvg, wrapText } from './preview-svg.ts';

const require = createRequire(import.meta.url);
const font = (file: string) => loadFontMetrics(require.resolve(`@expo-google-fonts/inter/${file}`));
const fonts = {
  regular: font('400Regular/Inter_400Regular.ttf'),
  semibold: font('600SemiBold/Inter_600SemiBold.ttf'),
  bold: font('700Bold/Inter_700Bold.ttf'),
};

const card = (overrides: Partial<PreviewCard> = {}): PreviewCard => ({
  title: 'Sharing Online #1: Pemasaran lewat WhatsApp',
  community: 'Komunitas Bisnis Bali',
  when: 'Minggu, 7 Desember 2025 · 20.00–21.30 WITA',
  status: null,
  tagline: 'Sesi berbagi online yang tertata untuk komunitas',
  ...overrides,
});

describe('measuring with Inter', () => {
  it('finds wider letters wider, and knows which characters it cannot draw', () => {
    expect(fonts.bold.width('W', 100)).toBeGreaterThan(fonts.bold.width('i', 100) * 2);
    expect(fonts.bold.width('WW', 50)).toBeCloseTo(fonts.bold.width('W', 100), 5);
    expect(['é', '–', '·', '…'].every((c) => fonts.bold.covers(c))).toBe(true);
    expect(fonts.bold.covers('🚀')).toBe(false);
  });
});

describe('wrapText', () => {
  it('breaks at spaces so that every line fits', () => {
    const { lines, truncated } = wrapText('Strategi membangun komunitas pelanggan setia', fonts.bold, 72, 1024, 3);
    expect(truncated).toBe(false);
    expect(lines.join(' ')).toBe('Strategi membangun komunitas pelanggan setia');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(fonts.bold.width(line, 72)).toBeLessThanOrEqual(1024);
  });

  it('ends the last line with "…" when the text needs more lines', () => {
    const { lines, truncated } = wrapText('satu dua tiga empat lima enam tujuh delapan', fonts.bold, 72, 400, 2);
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
    expect(fonts.bold.width(lines[1] ?? '', 72)).toBeLessThanOrEqual(400);
  });

  it('breaks a word too long for one line inside the word', () => {
    const { lines } = wrapText('Pemberdayaanmasyarakatpesisir', fonts.bold, 72, 500, 3);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('Pemberdayaanmasyarakatpesisir');
  });
});

describe('previewSvg', () => {
  it('drops what Inter cannot draw and what XML forbids', () => {
    expect(drawable('Sharing\u0007 Online 🚀\n#1', fonts.bold)).toBe('Sharing Online #1');
  });

  it('is valid SVG with the title escaped, drawn at 1200×630', () => {
    const svg = previewSvg(card({ title: '"><script>alert(1)</script> & more' }), fonts);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('>&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;</text>');
    expect(svg).toContain('>&#38; more</text>');
    const rendered = new Resvg(svg, { font: { loadSystemFonts: false } });
    expect([rendered.width, rendered.height]).toEqual([1200, 630]);
  });

  it('shows a cancelled session with its label', () => {
    expect(previewSvg(card({ status: { label: 'Dibatalkan', tone: 'cancelled' } }), fonts)).toContain(
      '>DIBATALKAN</text>',
    );
  });
});
