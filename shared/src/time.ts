import type { MessageKey } from './i18n/index.ts';
import { intlLocaleOf, type Locale } from './locale.ts';

/**
 * Time zones and session times for people, with nothing but `Intl`, so the browser can use it too.
 * Sessions are stored as a UTC instant plus the IANA zone they were planned in; everything here
 * turns that pair into text in the reader's language.
 */

export interface IndonesianZone {
  timeZone: string;
  abbreviation: 'WIB' | 'WITA' | 'WIT';
  utcOffset: string;
  labelKey: MessageKey;
}

/** Indonesia's zones as tzdata names them, west to east, for zone pickers. */
export const IANA_ZONES_ID = [
  { timeZone: 'Asia/Jakarta', abbreviation: 'WIB', utcOffset: '+07:00', labelKey: 'timeZones.jakarta' },
  { timeZone: 'Asia/Pontianak', abbreviation: 'WIB', utcOffset: '+07:00', labelKey: 'timeZones.pontianak' },
  { timeZone: 'Asia/Makassar', abbreviation: 'WITA', utcOffset: '+08:00', labelKey: 'timeZones.makassar' },
  { timeZone: 'Asia/Jayapura', abbreviation: 'WIT', utcOffset: '+09:00', labelKey: 'timeZones.jayapura' },
] as const satisfies readonly IndonesianZone[];

// Asia/Ujung_Pandang is the old name of Asia/Makassar, still accepted by Intl and tzdata.
const INDONESIAN_ZONE_NAMES: ReadonlySet<string> = new Set([
  ...IANA_ZONES_ID.map((zone) => zone.timeZone),
  'Asia/Ujung_Pandang',
]);

// By offset rather than by zone name: Pontianak was UTC+8 (WITA) until 1988, and an older
// instant in it must not be called WIB.
const ABBREVIATION_BY_OFFSET_MINUTES: ReadonlyMap<number, IndonesianZone['abbreviation']> = new Map([
  [7 * 60, 'WIB'],
  [8 * 60, 'WITA'],
  [9 * 60, 'WIT'],
]);

/**
 * True for an IANA zone name Intl knows, in its canonical spelling, e.g. "Asia/Makassar".
 * Intl also takes "+07:00" and "asia/makassar"; we refuse both, because the stored name is
 * looked up as is (WIB/WITA/WIT, calendar TZIDs) and an offset has no daylight-saving rules.
 */
export function isValidTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // Intl resolves aliases to another name (Asia/Ujung_Pandang → Asia/Makassar), which is fine;
  // the same name in other letter case is not.
  return resolved === name || resolved.toLowerCase() !== name.toLowerCase();
}

// Building an Intl.DateTimeFormat costs far more than using one; a list of sessions reuses a few.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;
function partsOf(locale: string, options: Intl.DateTimeFormatOptions, instant: Date): Parts {
  const parts: Parts = {};
  for (const part of formatter(locale, options).formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

function toInstant(value: Date | string): Date {
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a point in time: ${String(value)}`);
  return instant;
}

/** Minutes east of UTC in `timeZone` at `instant`, e.g. 480 for Asia/Makassar. */
export function utcOffsetMinutes(timeZone: string, instant: Date | string): number {
  const name = partsOf('en-US', { timeZone, timeZoneName: 'longOffset' }, toInstant(instant)).timeZoneName ?? '';
  const match = /^GMT([+\-−])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0; // plain "GMT"
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '+' ? minutes : -minutes;
}

// Intl's English short names depend on the region: en-GB knows CET/CEST/BST, en-US knows
// EST/PDT; each says "GMT+1" for the other's. Readers of English are in both places.
const SHORT_NAME_LOCALES: Record<Locale, readonly string[]> = { id: ['id-ID'], en: ['en-GB', 'en-US'] };
const isOffsetName = (name: string) => /^(GMT|UTC)[+\-−]/.test(name);

/**
 * How people write the zone at that instant: WIB, WITA, WIT for Indonesia (Intl's English data
 * says "GMT+8" there), otherwise Intl's short name such as "CET", "CEST", "EST" or "GMT+9".
 */
export function zoneAbbreviation(timeZone: string, instant: Date | string, locale: Locale): string {
  const at = toInstant(instant);
  if (INDONESIAN_ZONE_NAMES.has(timeZone)) {
    const indonesian = ABBREVIATION_BY_OFFSET_MINUTES.get(utcOffsetMinutes(timeZone, at));
    if (indonesian) return indonesian;
  }
  const names = SHORT_NAME_LOCALES[locale].map(
    (intlLocale) => partsOf(intlLocale, { timeZone, timeZoneName: 'short' }, at).timeZoneName ?? timeZone,
  );
  return names.find((name) => !isOffsetName(name)) ?? names[0] ?? timeZone;
}

export interface ZonedSessionTime {
  /** "Minggu, 7 Desember 2025" / "Sunday, 7 December 2025" */
  date: string;
  /** "20.00–21.30" / "8:00–9:30 PM" */
  time: string;
  /** "WITA", "CET" */
  zone: string;
  timeZone: string;
  /** date · time zone, ready to show */
  text: string;
}

export interface SessionTimeText {
  /** In the zone the organizer planned the session in. */
  session: ZonedSessionTime;
  /** In the viewer's zone, or null when its clock reads the same as the session's. */
  viewer: ZonedSessionTime | null;
}

export interface SessionTimeInput {
  startsAt: Date | string;
  durationMinutes: number;
  timeZone: string;
  locale: Locale;
  viewerTimeZone?: string | undefined;
}

/**
 * A session's time in its own zone and, for someone elsewhere, in theirs:
 * "Minggu, 7 Desember 2025 · 20.00–21.30 WITA" and "Minggu, 7 Desember 2025 · 13.00–14.30 GMT+1".
 */
export function formatSessionTime(input: SessionTimeInput): SessionTimeText {
  const start = toInstant(input.startsAt);
  const end = new Date(start.getTime() + input.durationMinutes * 60_000);
  const inZone = (timeZone: string) => zonedSessionTime(start, end, timeZone, input.locale);
  const { viewerTimeZone } = input;
  // Same offset means the same clock reading (Singapore and Makassar): a second line would only repeat it.
  const viewerSeesOtherClock =
    viewerTimeZone !== undefined &&
    viewerTimeZone !== input.timeZone &&
    utcOffsetMinutes(viewerTimeZone, start) !== utcOffsetMinutes(input.timeZone, start);
  return { session: inZone(input.timeZone), viewer: viewerSeesOtherClock ? inZone(viewerTimeZone) : null };
}

function zonedSessionTime(start: Date, end: Date, timeZone: string, locale: Locale): ZonedSessionTime {
  const date = calendarDate(start, timeZone, locale);
  const time = clockRange(start, end, timeZone, locale);
  const zone = zoneAbbreviation(timeZone, start, locale);
  return { date, time, zone, timeZone, text: `${date} · ${time} ${zone}` };
}

// Assembled from parts rather than taken whole from Intl: engines disagree on commas, on
// "pukul"/"at", on spaces around the dash and on U+202F before "PM", and mails, pages and
// tests must read the same.
function calendarDate(instant: Date, timeZone: string, locale: Locale): string {
  const options = { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
  const { weekday, day, month, year } = partsOf(intlLocaleOf(locale), options, instant);
  return `${weekday}, ${day} ${month} ${year}`;
}

function clockRange(start: Date, end: Date, timeZone: string, locale: Locale): string {
  if (locale === 'id') return `${clockTime(start, timeZone, locale)}–${clockTime(end, timeZone, locale)}`;
  const from = englishClock(start, timeZone);
  const to = englishClock(end, timeZone);
  return from.period === to.period
    ? `${from.time}–${to.time} ${to.period}`
    : `${from.time} ${from.period}–${to.time} ${to.period}`;
}

/** A time of day as each language writes it, in `timeZone`: "20.15" in Indonesian, "8:15 PM" in English. */
export function clockTime(instant: Date | string | number, timeZone: string, locale: Locale): string {
  const at = typeof instant === 'number' ? new Date(instant) : toInstant(instant);
  if (locale === 'id') {
    // Indonesian writes hours with a dot and two digits: 07.00, 20.00 (PUEBI; id-ID in CLDR).
    const { hour, minute } = partsOf('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, at);
    return `${hour}.${minute}`;
  }
  const { time, period } = englishClock(at, timeZone);
  return `${time} ${period}`.trim();
}

// en-US for its 12-hour parts only: English readers here say "8 PM" (see intlLocaleOf for dates).
function englishClock(instant: Date, timeZone: string): { time: string; period: string } {
  const parts = partsOf('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' }, instant);
  return { time: `${parts.hour}:${parts.minute}`, period: (parts.dayPeriod ?? '').toUpperCase() };
}
