import { describe, expect, it } from 'vitest';
import { type Face, textRuns } from './text-runs.ts';

/** Fonts that cover what their name says: Latin (with spaces and punctuation), Arabic, Han. */
const face = (name: string, covers: RegExp): Face & { name: string } => ({
  name,
  covers: (char) => covers.test(char),
});
const latin = face('latin', /[\p{Script=Latin}\p{M}\s\p{P}]/u);
const arabic = face('arabic', /[\p{Script=Arabic}\s]/u);
const han = face('han', /[\p{Script=Han}]/u);
const faces = [latin, arabic, han];

const drawn = (text: string) => textRuns(text, faces).map((run) => [run.face.name, run.text, run.rtl]);

describe('cutting a line into runs by font and direction', () => {
  it('keeps a Latin name, accents and all, in one run of the first font', () => {
    expect(drawn('Nguyễn Thị Ánh')).toEqual([['latin', 'Nguyễn Thị Ánh', false]]);
  });

  it('keeps combining marks with their letter', () => {
    const decomposed = 'Nguye\u0302\u0303n';
    expect(drawn(decomposed)).toEqual([['latin', decomposed, false]]);
  });

  it('gives each script the first font that has it', () => {
    expect(drawn('Wang 王小明')).toEqual([
      ['latin', 'Wang ', false],
      ['han', '王小明', false],
    ]);
  });

  it('lays an Arabic name out as one right-to-left run, spaces included', () => {
    expect(drawn('محمد علي')).toEqual([['arabic', 'محمد علي', true]]);
  });

  it('puts the Arabic part of a mixed name where a reader of the left-to-right line expects it', () => {
    expect(drawn('Ahmad محمد علي')).toEqual([
      ['latin', 'Ahmad ', false],
      ['arabic', 'محمد علي', true],
    ]);
  });

  it('draws Latin inside an Arabic line to the left of the Arabic that came before it', () => {
    // Logical order: Arabic, then Latin; read right to left, so the Latin is drawn first (leftmost).
    expect(drawn('علي Budi')).toEqual([
      ['latin', 'Budi', false],
      ['arabic', 'علي ', true],
    ]);
  });

  it('falls back to the first font for a character no font has', () => {
    expect(drawn('A\u{1F600}')).toEqual([['latin', 'A\u{1F600}', false]]);
  });
});
