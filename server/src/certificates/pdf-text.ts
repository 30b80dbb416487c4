import type PDFDocument from 'pdfkit';
import type { CertificateFace, CertificateFonts, FontRole } from './fonts.ts';
import { type TextRun, textRuns } from './text-runs.ts';

type Doc = InstanceType<typeof PDFDocument>;

export interface LineStyle {
  role: FontRole;
  size: number;
  color: string;
  /** Extra space between letters, in points (titles in capitals). */
  characterSpacing?: number;
}

export type Align = 'left' | 'center' | 'right';

type Features = NonNullable<PDFKit.Mixins.TextOptions['features']>;

/**
 * Shaping with mark positioning off. fontkit 2.0.4 throws (reading `xCoordinate` of null) on a
 * combining mark whose anchor the font leaves empty, which OpenType allows (the mark then stays
 * where it is): U+0334 on a Latin letter did it with the system fonts. pdfkit hands `features`
 * to fontkit as they are, and fontkit reads an object as per-feature switches.
 */
const MARKS_UNPOSITIONED = { mark: false, mkmk: false } as unknown as Features;

/**
 * Text on a certificate, drawn run by run (text-runs.ts) so every script gets a font that has
 * it, and measured as a whole line so it can be centred, shrunk to fit or wrapped. Passing
 * `features` makes pdfkit shape each run in one piece (its default shapes word by word, which
 * would put the words of a right-to-left name in left-to-right order).
 */
export function createTextWriter(doc: Doc, fonts: CertificateFonts) {
  const registered = new Set<string>();
  const use = (face: CertificateFace, size: number) => {
    if (!registered.has(face.key)) {
      doc.registerFont(face.key, face.bytes());
      registered.add(face.key);
    }
    doc.font(face.key).fontSize(size);
  };
  const runsOf = (text: string, role: FontRole) => textRuns(text, fonts.chain(role));
  const shapingOf = new Map<string, Features>();
  /** The features a run is shaped with: the font's defaults, unless fontkit fails on its marks. */
  const featuresOf = (run: TextRun<CertificateFace>, style: LineStyle): Features => {
    use(run.face, style.size);
    const key = `${run.face.key} ${run.text}`;
    let features = shapingOf.get(key);
    if (!features) {
      try {
        doc.widthOfString(run.text, { features: [] });
        features = [];
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        features = MARKS_UNPOSITIONED;
      }
      shapingOf.set(key, features);
    }
    return features;
  };
  const runWidth = (run: TextRun<CertificateFace>, style: LineStyle) => {
    const features = featuresOf(run, style);
    return doc.widthOfString(run.text, { features, characterSpacing: style.characterSpacing ?? 0 });
  };
  const width = (text: string, style: LineStyle) => {
    const runs = runsOf(text, style.role);
    const spacing = (style.characterSpacing ?? 0) * Math.max(0, runs.length - 1);
    return runs.reduce((sum, run) => sum + runWidth(run, style), spacing);
  };

  /** Draws one line with its baseline at `y`; `x` is its left edge, centre or right edge by `align`. Returns its width. */
  const line = (text: string, x: number, y: number, style: LineStyle, align: Align = 'left'): number => {
    const runs = runsOf(text, style.role);
    const spacing = style.characterSpacing ?? 0;
    const widths = runs.map((run) => runWidth(run, style));
    const total = widths.reduce((sum, w) => sum + w, spacing * Math.max(0, runs.length - 1));
    let left = align === 'center' ? x - total / 2 : align === 'right' ? x - total : x;
    // Letter-spaced capitals would copy (and be read aloud) as "S E R T I F I K A T": say what they spell.
    if (spacing >= 1) doc.markContent('Span', { actual: text });
    runs.forEach((run, index) => {
      const features = featuresOf(run, style);
      doc.fillColor(style.color).text(run.text, left, y, {
        lineBreak: false,
        baseline: 'alphabetic',
        features,
        characterSpacing: spacing,
      });
      left += (widths[index] ?? 0) + spacing;
    });
    if (spacing >= 1) doc.endMarkedContent();
    return total;
  };

  /** The largest size from `style.size` down to `minSize` at which the text fits `maxWidth` on one line. */
  const fittedSize = (text: string, style: LineStyle, maxWidth: number, minSize: number): number => {
    const natural = width(text, style);
    if (natural <= maxWidth) return style.size;
    return Math.max(minSize, Math.floor(((style.size * maxWidth) / natural) * 10) / 10);
  };

  /**
   * Breaks text into at most `maxLines` lines of `maxWidth`, at spaces (or anywhere, for
   * scripts written without them), shrinking the size down to `minSize` before cutting the
   * last line short with an ellipsis.
   */
  const wrap = (
    text: string,
    style: LineStyle,
    maxWidth: number,
    options: { maxLines: number; minSize: number },
  ): { lines: string[]; size: number } => {
    for (let size = style.size; size >= options.minSize; size -= 0.5) {
      const lines = greedyLines(text, (candidate) => width(candidate, { ...style, size }) <= maxWidth);
      if (lines.length <= options.maxLines) return { lines, size };
    }
    const size = options.minSize;
    const fits = (candidate: string) => width(candidate, { ...style, size }) <= maxWidth;
    const lines = greedyLines(text, fits).slice(0, options.maxLines);
    const last = lines.length - 1;
    let cut = lines[last] ?? '';
    while (cut.length > 1 && !fits(`${cut}…`)) cut = [...cut].slice(0, -1).join('').trimEnd();
    lines[last] = `${cut}…`;
    return { lines, size };
  };

  return { width, line, fittedSize, wrap };
}

export type TextWriter = ReturnType<typeof createTextWriter>;

/** Words onto lines while they fit; a word longer than a line is broken between characters. */
function greedyLines(text: string, fits: (candidate: string) => boolean): string[] {
  const words = text.trim().split(/\s+/);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    // Chinese, Japanese and Thai are written without spaces: break such a word where it must.
    for (const char of word) {
      if (current && !fits(current + char)) {
        lines.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current) lines.push(current);
  return lines;
}
