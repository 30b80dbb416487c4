import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import { type FontMetrics, loadFontMetrics } from './font-metrics.ts';
import type { Face } from './text-runs.ts';

const require = createRequire(import.meta.url);

/**
 * The fonts a certificate is drawn with. Inter comes with the server (an npm package), so
 * Latin, Greek, Cyrillic and Vietnamese names always render; the Noto fonts of the system
 * (Debian: fonts-noto-core) cover the other scripts people write names in, among them the
 * scripts of Indonesia (Javanese, Balinese, Sundanese, Batak, Buginese), Droid Sans Fallback
 * (fonts-droid-fallback) Chinese and Japanese, and Nanum (fonts-nanum) Korean. A missing
 * system font is skipped, with one warning naming the packages, rather than failing the
 * certificate.
 */
export type FontRole = 'regular' | 'semibold' | 'display';

export interface CertificateFace extends Face {
  /** The name the PDF document registers the font under. */
  readonly key: string;
  /** The font file's bytes, read once per process. */
  bytes(): Buffer;
}

export interface CertificateFonts {
  /** The faces to try, in order, for text of a role: the first that covers a character draws it. */
  chain(role: FontRole): readonly CertificateFace[];
}

const INTER = {
  regular: require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  semibold: require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'),
};

/** Where Debian, Ubuntu, Fedora and Arch put Noto, Droid and Nanum fonts. */
const SYSTEM_FONT_DIRS = [
  '/usr/share/fonts/truetype/noto',
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto',
  '/usr/share/fonts/google-noto',
  '/usr/share/fonts/truetype/droid',
  '/usr/share/fonts/google-droid-sans-fonts',
  '/usr/share/fonts/droid',
  '/usr/share/fonts/truetype/nanum',
  '/usr/share/fonts/nanum',
];

/** Noto families for scripts beyond Inter's, tried in this order. */
const SCRIPTS = [
  'NotoSans',
  'NotoSansArabic',
  'NotoSansHebrew',
  'NotoSansDevanagari',
  'NotoSansBengali',
  'NotoSansGurmukhi',
  'NotoSansGujarati',
  'NotoSansOriya',
  'NotoSansTamil',
  'NotoSansTelugu',
  'NotoSansKannada',
  'NotoSansMalayalam',
  'NotoSansSinhala',
  'NotoSansThai',
  'NotoSansLao',
  'NotoSansKhmer',
  'NotoSansMyanmar',
  'NotoSansJavanese',
  'NotoSansBalinese',
  'NotoSansSundanese',
  'NotoSansBatak',
  'NotoSansBuginese',
  'NotoSansTagalog',
  'NotoSansGeorgian',
  'NotoSansArmenian',
  'NotoSansEthiopic',
  'NotoSansSyriac',
  'NotoSansThaana',
  'NotoSansMongolian',
  'NotoSerifTibetan',
  'NotoSansCherokee',
  'NotoSansCanadianAboriginal',
  'NotoSansYi',
];
/**
 * The holder's name is set in serif: the serif cut of a script where Noto has one that
 * fontkit shapes as well as the sans (the Indic serif cuts lose their reph, so those stay sans).
 */
const SERIF_OF: Record<string, string> = {
  NotoSans: 'NotoSerifDisplay',
  NotoSansArabic: 'NotoNaskhArabic',
  NotoSansHebrew: 'NotoSerifHebrew',
  NotoSansThai: 'NotoSerifThai',
  NotoSansGeorgian: 'NotoSerifGeorgian',
  NotoSansArmenian: 'NotoSerifArmenian',
  NotoSansEthiopic: 'NotoSerifEthiopic',
};

const HANGUL = /\p{Script=Hangul}/u;
/**
 * Droid Sans Fallback draws Chinese and Japanese, but as Debian ships it lacks most Hangul
 * syllables (and the features to build them from jamo): Korean goes to Nanum (fonts-nanum).
 */
const CJK = { file: 'DroidSansFallbackFull.ttf', except: HANGUL };
const KOREAN = {
  regular: { file: 'NanumGothic.ttf', only: HANGUL },
  semibold: { file: 'NanumGothicBold.ttf', only: HANGUL },
  display: { file: 'NanumMyeongjo.ttf', only: HANGUL },
};

interface FaceSpec {
  file: string;
  /** Used for these characters only. */
  only?: RegExp;
  /** Never used for these characters. */
  except?: RegExp;
}

/**
 * Finds the fonts once per process. `dirs` is for tests (an empty list: Inter alone). Each
 * face reads its file and character map the first time text needs it.
 */
export function loadCertificateFonts(log: Logger, dirs: readonly string[] = SYSTEM_FONT_DIRS): CertificateFonts {
  const missing = new Set<string>();
  const locate = (file: string) => dirs.map((dir) => path.join(dir, file)).find((candidate) => existsSync(candidate));
  const faces = new Map<string, CertificateFace>();
  const faceOf = (spec: FaceSpec, where = locate(spec.file)): CertificateFace[] => {
    if (!where) {
      missing.add(spec.file);
      return [];
    }
    const id = `${where}|${spec.only ?? ''}|${spec.except ?? ''}`;
    const known = faces.get(id);
    if (known) return [known];
    const face = lazyFace(`F${faces.size}-${path.basename(where, '.ttf')}`, where, spec);
    faces.set(id, face);
    return [face];
  };
  /** A family's cut, the next best cut of it when that one is missing. */
  const family = (name: string, cuts: string[]) => {
    const found = cuts.map((cut) => locate(`${name}-${cut}.ttf`)).find((file) => file !== undefined);
    return found ? faceOf({ file: path.basename(found) }, found) : faceOf({ file: `${name}-Regular.ttf` });
  };
  const scripts = (cuts: string[], serif: boolean) =>
    SCRIPTS.flatMap((name) => {
      const serifName = serif ? SERIF_OF[name] : undefined;
      const serifFound = serifName && cuts.some((cut) => locate(`${serifName}-${cut}.ttf`));
      return family(serifFound ? serifName : name, cuts);
    });
  const chains: Record<FontRole, CertificateFace[]> = {
    regular: [
      ...faceOf({ file: INTER.regular }, INTER.regular),
      ...scripts(['Regular'], false),
      ...faceOf(CJK),
      ...faceOf(KOREAN.regular),
    ],
    semibold: [
      ...faceOf({ file: INTER.semibold }, INTER.semibold),
      ...scripts(['SemiBold', 'Bold', 'Regular'], false),
      ...faceOf(CJK),
      ...faceOf(KOREAN.semibold),
    ],
    display: [
      ...scripts(['Regular'], true),
      ...faceOf({ file: INTER.regular }, INTER.regular),
      ...faceOf(CJK),
      ...faceOf(KOREAN.display),
    ],
  };
  if (missing.size > 0) {
    log.warn(
      { missing: [...missing], searched: dirs },
      'some certificate fonts are missing: names in their scripts print as blanks (install fonts-noto-core, fonts-droid-fallback and fonts-nanum)',
    );
  }
  return { chain: (role) => chains[role] };
}

function lazyFace(key: string, file: string, spec: FaceSpec): CertificateFace {
  let bytes: Buffer | undefined;
  let metrics: FontMetrics | undefined;
  return {
    key,
    bytes: () => {
      bytes ??= readFileSync(file);
      return bytes;
    },
    covers: (char) => {
      if (spec.only && !spec.only.test(char)) return false;
      if (spec.except?.test(char)) return false;
      metrics ??= loadFontMetrics(file);
      return metrics.covers(char);
    },
  };
}
