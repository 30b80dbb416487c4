/**
 * A line of text cut into runs a PDF can draw one by one: each run in one font (the first
 * that has every character of it), and the runs in the order they appear from left to right,
 * so a name in Arabic or Hebrew reads right to left while Latin inside it stays left to right.
 * This is a small part of the Unicode bidirectional algorithm (strong letters, neutrals taking
 * their neighbours' direction, runs reversed by level), which is all a one-line name needs.
 */
export interface Face {
  covers(char: string): boolean;
}

export interface TextRun<F extends Face> {
  text: string;
  face: F;
  /** Right to left: the font's shaper lays the run out mirrored (fontkit does, by script). */
  rtl: boolean;
}

type Direction = 'ltr' | 'rtl' | 'neutral';

// Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended, and the presentation forms.
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const STRONG_LEFT = /[\p{L}\p{N}\p{M}]/u;
/** Joiners and variation selectors: no glyph of their own, a font need not list them. */
const INVISIBLE = /[\u200B-\u200F\u2060]|\p{Variation_Selector}/u;
const NEUTRAL = /^[\p{Z}\p{P}\p{S}\s]/u;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Cuts `text` into runs by font and direction, in visual (left-to-right drawing) order. */
export function textRuns<F extends Face>(text: string, faces: readonly F[]): TextRun<F>[] {
  const first = faces[0];
  if (!first) throw new Error('textRuns needs at least one face');
  const clusters = [...graphemes.segment(text)].map(({ segment }) => segment);
  const strong = clusters.map(directionOf);
  const baseRtl = strong.find((d) => d !== 'neutral') === 'rtl';
  const directions = resolveNeutrals(strong);
  const runs: Array<{ text: string; face: F; level: number }> = [];
  let face: F = first;
  clusters.forEach((cluster, index) => {
    face = faceFor(cluster, faces, face);
    const rtl = directions[index] === 'rtl';
    // Levels as the bidi algorithm gives them: left-to-right text inside a right-to-left line is 2.
    const level = baseRtl ? (rtl ? 1 : 2) : rtl ? 1 : 0;
    const last = runs.at(-1);
    if (last && last.face === face && last.level === level) last.text += cluster;
    else runs.push({ text: cluster, face, level });
  });
  return reorder(runs).map(({ text: runText, face: runFace, level }) => ({
    text: runText,
    face: runFace,
    rtl: level % 2 === 1,
  }));
}

/** The first face with every visible character of the cluster; spaces and punctuation stay in the current face when it has them. */
function faceFor<F extends Face>(cluster: string, faces: readonly F[], current: F): F {
  const chars = [...cluster].filter((char) => !INVISIBLE.test(char));
  if (chars.length === 0) return current;
  if (NEUTRAL.test(cluster) && chars.every((char) => current.covers(char))) return current;
  return (
    faces.find((face) => chars.every((char) => face.covers(char))) ??
    faces.find((face) => face.covers(chars[0] as string)) ??
    current
  );
}

function directionOf(cluster: string): Direction {
  if (RIGHT_TO_LEFT.test(cluster)) return 'rtl';
  if (STRONG_LEFT.test(cluster)) return 'ltr';
  return 'neutral';
}

/** A neutral between two letters of one direction takes it; elsewhere it takes the line's direction. */
function resolveNeutrals(directions: Direction[]): Array<'ltr' | 'rtl'> {
  const base = directions.find((d) => d !== 'neutral') ?? 'ltr';
  return directions.map((direction, index) => {
    if (direction !== 'neutral') return direction;
    const before = directions.slice(0, index).findLast((d) => d !== 'neutral') ?? base;
    const after = directions.slice(index + 1).find((d) => d !== 'neutral') ?? base;
    return before === after ? before : base;
  });
}

/** Rule L2: from the highest level down to 1, reverse every stretch of runs at that level or above. */
function reorder<R extends { level: number }>(runs: R[]): R[] {
  const ordered = [...runs];
  const highest = Math.max(0, ...ordered.map((run) => run.level));
  for (let level = highest; level >= 1; level--) {
    let start = 0;
    while (start < ordered.length) {
      if ((ordered[start]?.level ?? 0) < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < ordered.length && (ordered[end]?.level ?? 0) >= level) end++;
      ordered.splice(start, end - start, ...ordered.slice(start, end).reverse());
      start = end;
    }
  }
  return ordered;
}
