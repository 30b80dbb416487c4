import { readFileSync } from 'node:fs';

/**
 * How wide text is in a TrueType font, read from the font file itself (cmap and hmtx tables).
 * SVG has no line wrapping and resvg none of its own, so the preview picture breaks its lines
 * here; measuring with the very font resvg draws with keeps the lines inside the picture.
 * Kerning is left out: it only narrows Latin text, so lines come out a little short, never long.
 * Certificates lay out their names with it too (fonts.ts); the link previews (web/) import it here.
 */
export interface FontMetrics {
  /** Width of `text` at `fontSize` pixels. */
  width(text: string, fontSize: number): number;
  /** Whether the font has a glyph for the character; drawn without one, it would be a blank. */
  covers(char: string): boolean;
}

export function loadFontMetrics(file: string): FontMetrics {
  const bytes = readFileSync(file);
  const font = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableOffsets(font);
  const unitsPerEm = font.getUint16(table(tables, 'head') + 18);
  const glyphs = glyphsByCodePoint(font, table(tables, 'cmap'));
  const advances = advanceWidths(font, table(tables, 'hhea'), table(tables, 'hmtx'));
  const advanceOf = (glyph: number) => advances[Math.min(glyph, advances.length - 1)] ?? 0;
  // Characters the font lacks are dropped before drawing (see `covers`); measure them as .notdef.
  const missing = advanceOf(0);
  return {
    width(text, fontSize) {
      let units = 0;
      for (const char of text) {
        const glyph = glyphs.get(char.codePointAt(0) ?? 0);
        units += glyph === undefined ? missing : advanceOf(glyph);
      }
      return (units / unitsPerEm) * fontSize;
    },
    covers: (char) => glyphs.has(char.codePointAt(0) ?? 0),
  };
}

function tableOffsets(font: DataView): Map<string, number> {
  const offsets = new Map<string, number>();
  const count = font.getUint16(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...[0, 1, 2, 3].map((k) => font.getUint8(record + k)));
    offsets.set(tag, font.getUint32(record + 8));
  }
  return offsets;
}

function table(tables: Map<string, number>, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`font has no ${tag} table`);
  return offset;
}

/** One advance per glyph; glyphs past numberOfHMetrics share the last one (monospaced tails). */
function advanceWidths(font: DataView, hhea: number, hmtx: number): number[] {
  const count = font.getUint16(hhea + 34);
  return Array.from({ length: count }, (_, glyph) => font.getUint16(hmtx + glyph * 4));
}

/** Unicode → glyph id from the cmap: the full-Unicode subtable (format 12) if there is one, else the BMP one (format 4). */
function glyphsByCodePoint(font: DataView, cmap: number): Map<number, number> {
  const subtables: Array<{ format: number; offset: number }> = [];
  const count = font.getUint16(cmap + 2);
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.getUint16(record);
    const encoding = font.getUint16(record + 2);
    const offset = cmap + font.getUint32(record + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode) subtables.push({ format: font.getUint16(offset), offset });
  }
  const full = subtables.find((s) => s.format === 12);
  if (full) return format12(font, full.offset);
  const bmp = subtables.find((s) => s.format === 4);
  if (bmp) return format4(font, bmp.offset);
  throw new Error('font has no Unicode cmap');
}

function format12(font: DataView, at: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const groups = font.getUint32(at + 12);
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12;
    const first = font.getUint32(group);
    const last = font.getUint32(group + 4);
    const glyph = font.getUint32(group + 8);
    for (let cp = first; cp <= last; cp++) glyphs.set(cp, glyph + cp - first);
  }
  return glyphs;
}

function format4(font: DataView, at: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const segments = font.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = font.getUint16(ends + s * 2);
    const start = font.getUint16(starts + s * 2);
    const delta = font.getInt16(deltas + s * 2);
    const rangeOffset = font.getUint16(rangeOffsets + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      const raw = rangeOffset === 0 ? cp : font.getUint16(rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2);
      const glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      if (glyph !== 0) glyphs.set(cp, glyph);
    }
  }
  return glyphs;
}
