import type { FontMetrics } from '../certificates/font-metrics.ts';

/**
 * The picture a chat app shows under a shared session link, as SVG for resvg to draw: the
 * title (up to three lines, smaller type for longer titles), the community, the time in the
 * session's zone, and Serambi's mark, in the web app's palette.
 */

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

/** Everything the picture shows; the picture is a function of this and nothing else. */
export interface PreviewCard {
  title: string;
  community: string;
  /** "Minggu, 7 Desember 2025 · 20.00–21.30 WITA" */
  when: string;
  status: { label: string; tone: 'live' | 'ended' | 'cancelled' } | null;
  tagline: string;
}

export interface PreviewFonts {
  regular: FontMetrics;
  semibold: FontMetrics;
  bold: FontMetrics;
}

/** The family name inside the font files resvg is given. */
export const PREVIEW_FONT_FAMILY = 'Inter';

// web/src/styles.css, so a shared link looks like the page it opens.
const palette = {
  page: '#fbf6ee',
  surface: '#fffdf9',
  sunken: '#f4ece0',
  border: '#e6d9c7',
  text: '#2a2019',
  muted: '#68584a',
  accent: '#b4532a',
  accentStrong: '#8e3c1b',
  accentSoft: '#f7e4d6',
  onAccent: '#fffaf3',
  ok: '#2d7345',
  down: '#b3261e',
};

const LEFT = 88;
const CONTENT_WIDTH = PREVIEW_WIDTH - 2 * LEFT;
const FOOTER_TOP = 530;
const TITLE_SIZES = [72, 64, 58, 52, 46];
const TITLE_LINES = 3;
const LINE_HEIGHT = 1.16;

export function previewSvg(card: PreviewCard, fonts: PreviewFonts): string {
  const title = drawable(card.title, fonts.bold) || drawable(card.community, fonts.bold);
  const community = fitLine(drawable(card.community, fonts.semibold), fonts.semibold, 30, CONTENT_WIDTH);
  const { lines, size } = titleLayout(title, fonts.bold);
  const pill = card.status ? statusPill(card.status, fonts.semibold) : null;
  const whenSize = fittingSize(card.when, fonts.regular, [32, 30, 28, 26, 24], CONTENT_WIDTH - 50 - (pill?.width ?? 0));
  const when = fitLine(drawable(card.when, fonts.regular), fonts.regular, whenSize, CONTENT_WIDTH - 50);

  // Community, title and time as one block, centred in the space above the footer.
  const titleHeight = lines.length * size * LINE_HEIGHT;
  const blockHeight = 30 + 34 + titleHeight + 26 + 36;
  const top = Math.round((FOOTER_TOP - blockHeight) / 2);
  const communityBaseline = top + 30;
  const titleTop = communityBaseline + 34;
  const whenTop = titleTop + titleHeight + 26;
  const whenBaseline = whenTop + 28;
  const whenWidth = fonts.regular.width(when, whenSize);
  const muted = card.status?.tone === 'cancelled' || card.status?.tone === 'ended';

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}">`,
    `<rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="${palette.page}"/>`,
    veranda(),
    `<rect width="14" height="${FOOTER_TOP}" fill="${palette.accent}"/>`,
    text(community, LEFT, communityBaseline, 30, 600, palette.accentStrong),
    ...lines.map((line, i) =>
      text(
        line,
        LEFT,
        titleTop + size * 0.95 + i * size * LINE_HEIGHT,
        size,
        700,
        muted ? palette.muted : palette.text,
      ),
    ),
    calendarIcon(LEFT, Math.round(whenTop)),
    text(when, LEFT + 50, whenBaseline, whenSize, 400, palette.text),
    pill ? pill.draw(LEFT + 50 + whenWidth + 20, whenBaseline) : '',
    footer(card.tagline, fonts),
    '</svg>',
  ];
  return parts.join('');
}

/** The largest size at which the title takes at most three lines; past that, the smallest size, cut with "…". */
function titleLayout(title: string, font: FontMetrics): { lines: string[]; size: number } {
  for (const size of TITLE_SIZES) {
    const wrapped = wrapText(title, font, size, CONTENT_WIDTH, TITLE_LINES);
    if (!wrapped.truncated) return { lines: wrapped.lines, size };
  }
  const size = TITLE_SIZES.at(-1) ?? 46;
  return { lines: wrapText(title, font, size, CONTENT_WIDTH, TITLE_LINES).lines, size };
}

/**
 * Breaks text into lines no wider than `maxWidth`, at spaces (inside a word only when the word
 * alone is too wide); past `maxLines` the last line ends in "…".
 */
export function wrapText(
  text: string,
  font: FontMetrics,
  size: number,
  maxWidth: number,
  maxLines: number,
): { lines: string[]; truncated: boolean } {
  const fits = (candidate: string) => font.width(candidate, size) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const char of word) {
      if (line && !fits(line + char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1] ?? '', font, size, maxWidth, true);
  return { lines: kept, truncated: true };
}

/** One line, cut with "…" if it is too wide. */
function fitLine(text: string, font: FontMetrics, size: number, maxWidth: number): string {
  return font.width(text, size) <= maxWidth ? text : withEllipsis(text, font, size, maxWidth, false);
}

function withEllipsis(text: string, font: FontMetrics, size: number, maxWidth: number, always: boolean): string {
  if (!always && font.width(text, size) <= maxWidth) return text;
  // "di Bali,…" reads badly: the cut drops trailing spaces and punctuation.
  const ellipsized = (kept: string) => `${kept.replace(/[\s,.;:!?·–—-]+$/u, '')}…`;
  let chars = [...text];
  while (chars.length > 0 && font.width(ellipsized(chars.join('')), size) > maxWidth) chars = chars.slice(0, -1);
  const kept = chars.join('');
  // Cut at the last whole word unless that throws away most of the line.
  const lastSpace = kept.lastIndexOf(' ');
  const cutAtWord = kept.length < text.length && text[kept.length] !== ' ' && lastSpace > kept.length * 0.6;
  return ellipsized(cutAtWord ? kept.slice(0, lastSpace) : kept);
}

function fittingSize(text: string, font: FontMetrics, sizes: number[], maxWidth: number): number {
  return sizes.find((size) => font.width(text, size) <= maxWidth) ?? sizes.at(-1) ?? 24;
}

/**
 * What can be drawn of a text: one line, without control characters (invalid in XML) and
 * without characters the font lacks (emoji, other scripts), which resvg would leave blank.
 */
export function drawable(text: string, font: FontMetrics): string {
  const kept = [...text.replace(/\s+/g, ' ')].filter((char) => char === ' ' || font.covers(char));
  return kept.join('').replace(/ {2,}/g, ' ').trim();
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function text(value: string, x: number, y: number, size: number, weight: number, fill: string): string {
  return `<text x="${x}" y="${Math.round(y)}" font-family="${PREVIEW_FONT_FAMILY}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(value)}</text>`;
}

function statusPill(status: NonNullable<PreviewCard['status']>, font: FontMetrics) {
  const label = drawable(status.label.toLocaleUpperCase(), font);
  const size = 20;
  const width = Math.ceil(font.width(label, size) + 36);
  const [fill, color] =
    status.tone === 'cancelled'
      ? [palette.down, palette.onAccent]
      : status.tone === 'live'
        ? [palette.ok, palette.onAccent]
        : [palette.sunken, palette.muted];
  return {
    width: width + 20,
    draw: (x: number, baseline: number) =>
      `<rect x="${Math.round(x)}" y="${baseline - 29}" width="${width}" height="40" rx="20" fill="${fill}"/>` +
      text(label, Math.round(x) + 18, baseline - 2, size, 600, color),
  };
}

function calendarIcon(x: number, top: number): string {
  return (
    `<g transform="translate(${x} ${top})" fill="none" stroke="${palette.accent}" stroke-width="3" stroke-linecap="round">` +
    '<rect x="2" y="5" width="30" height="28" rx="6"/><path d="M2 14h30M10 1.5v7M24 1.5v7"/></g>'
  );
}

/** Serambi's mark drawn large and faint in the corner: a veranda roof on two posts. */
function veranda(): string {
  return (
    `<circle cx="1085" cy="95" r="250" fill="${palette.accentSoft}"/>` +
    `<g transform="translate(925 -20) scale(10)" fill="none" stroke="${palette.page}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" opacity="0.9">` +
    '<path d="M5 14.5 16 7l11 7.5"/><path d="M9 14.5V25M23 14.5V25M6.5 25h19"/></g>'
  );
}

function footer(tagline: string, fonts: PreviewFonts): string {
  const wordmarkX = LEFT + 64;
  const taglineSpace = PREVIEW_WIDTH - LEFT - wordmarkX - fonts.bold.width('Serambi', 34) - 48;
  const line = fitLine(drawable(tagline, fonts.regular), fonts.regular, 22, taglineSpace);
  return (
    `<rect y="${FOOTER_TOP}" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT - FOOTER_TOP}" fill="${palette.surface}"/>` +
    `<rect y="${FOOTER_TOP}" width="${PREVIEW_WIDTH}" height="2" fill="${palette.border}"/>` +
    `<g transform="translate(${LEFT} 556) scale(1.5)"><rect width="32" height="32" rx="8" fill="${palette.accent}"/>` +
    `<g fill="none" stroke="${palette.onAccent}" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">` +
    '<path d="M5 14.5 16 7l11 7.5"/><path d="M9 14.5V25M23 14.5V25M6.5 25h19"/></g></g>' +
    text('Serambi', wordmarkX, 593, 34, 700, palette.text) +
    `<text x="${PREVIEW_WIDTH - LEFT}" y="590" text-anchor="end" font-family="${PREVIEW_FONT_FAMILY}" font-size="22" font-weight="400" fill="${palette.muted}">${escapeXml(line)}</text>`
  );
}
