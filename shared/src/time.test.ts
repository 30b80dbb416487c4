import { describe, expect, it } from 'vitest';
import { clockTime, formatSessionTime, IANA_ZONES_ID, isValidTimeZone, zoneAbbreviation } from './time.ts';
import { timeZoneSchema } from './time-schemas.ts';

// Sunday 7 December 2025, 20.00 WITA (UTC+8).
const sundayEveningInMakassar = '2025-12-07T12:00:00Z';

describe('zoneAbbreviation', () => {
  it('calls Indonesia’s zones WIB, WITA and WIT in both languages', () => {
    for (const locale of ['id', 'en'] as const) {
      expect(zoneAbbreviation('Asia/Jakarta', sundayEveningInMakassar, locale)).toBe('WIB');
      expect(zoneAbbreviation('Asia/Pontianak', sundayEveningInMakassar, locale)).toBe('WIB');
      expect(zoneAbbreviation('Asia/Makassar', sundayEveningInMakassar, locale)).toBe('WITA');
      expect(zoneAbbreviation('Asia/Ujung_Pandang', sundayEveningInMakassar, locale)).toBe('WITA');
      expect(zoneAbbreviation('Asia/Jayapura', sundayEveningInMakassar, locale)).toBe('WIT');
    }
  });

  it('calls Pontianak WITA in 1980, when it was still UTC+8', () => {
    expect(zoneAbbreviation('Asia/Pontianak', '1980-06-01T12:00:00Z', 'en')).toBe('WITA');
  });

  it('gives Berlin CET in winter and CEST in summer to English readers', () => {
    expect(zoneAbbreviation('Europe/Berlin', '2025-12-07T12:00:00Z', 'en')).toBe('CET');
    expect(zoneAbbreviation('Europe/Berlin', '2025-07-06T12:00:00Z', 'en')).toBe('CEST');
  });

  it('falls back to Intl’s offset name where no short name is common', () => {
    expect(zoneAbbreviation('Asia/Tokyo', sundayEveningInMakassar, 'en')).toBe('GMT+9');
    expect(zoneAbbreviation('Europe/Berlin', sundayEveningInMakassar, 'id')).toBe('GMT+1');
    expect(zoneAbbreviation('America/New_York', sundayEveningInMakassar, 'en')).toBe('EST');
  });
});

describe('clockTime', () => {
  it('reads the session’s clock, with a dot in Indonesian and AM/PM in English', () => {
    expect(clockTime('2025-12-07T12:05:00Z', 'Asia/Makassar', 'id')).toBe('20.05');
    expect(clockTime('2025-12-07T12:05:00Z', 'Asia/Makassar', 'en')).toBe('8:05 PM');
    expect(clockTime('2025-12-07T02:30:00Z', 'Asia/Jakarta', 'id')).toBe('09.30');
    expect(clockTime('2025-12-07T02:30:00Z', 'Asia/Jayapura', 'en')).toBe('11:30 AM');
  });
});

describe('formatSessionTime', () => {
  const makassarSession = { startsAt: sundayEveningInMakassar, durationMinutes: 90, timeZone: 'Asia/Makassar' };

  it('writes an Indonesian session time with dots between hours and minutes', () => {
    const { session, viewer } = formatSessionTime({ ...makassarSession, locale: 'id' });
    expect(session.text).toBe('Minggu, 7 Desember 2025 · 20.00–21.30 WITA');
    expect(viewer).toBeNull();
  });

  it('writes an English session time on a 12-hour clock', () => {
    const { session } = formatSessionTime({ ...makassarSession, locale: 'en' });
    expect(session.text).toBe('Sunday, 7 December 2025 · 8:00–9:30 PM WITA');
  });

  it('shows a viewer in Berlin the same Sunday at 13.00 CET', () => {
    const { session, viewer } = formatSessionTime({
      ...makassarSession,
      locale: 'en',
      viewerTimeZone: 'Europe/Berlin',
    });
    expect(session.text).toBe('Sunday, 7 December 2025 · 8:00–9:30 PM WITA');
    expect(viewer?.text).toBe('Sunday, 7 December 2025 · 1:00–2:30 PM CET');
    const inIndonesian = formatSessionTime({ ...makassarSession, locale: 'id', viewerTimeZone: 'Europe/Berlin' });
    expect(inIndonesian.viewer?.text).toBe('Minggu, 7 Desember 2025 · 13.00–14.30 GMT+1');
  });

  it('shows a viewer in Berlin the previous evening for a 07.00 WIT session', () => {
    const { session, viewer } = formatSessionTime({
      startsAt: '2025-12-06T22:00:00Z',
      durationMinutes: 90,
      timeZone: 'Asia/Jayapura',
      locale: 'id',
      viewerTimeZone: 'Europe/Berlin',
    });
    expect(session.text).toBe('Minggu, 7 Desember 2025 · 07.00–08.30 WIT');
    expect(viewer?.text).toBe('Sabtu, 6 Desember 2025 · 23.00–00.30 GMT+1');
  });

  it('gives a Berlin viewer in summer CEST, an hour closer to Indonesia', () => {
    const { viewer } = formatSessionTime({
      startsAt: '2025-07-06T12:00:00Z',
      durationMinutes: 60,
      timeZone: 'Asia/Makassar',
      locale: 'en',
      viewerTimeZone: 'Europe/Berlin',
    });
    expect(viewer?.text).toBe('Sunday, 6 July 2025 · 2:00–3:00 PM CEST');
  });

  it('shows a viewer in Los Angeles, west of UTC, their own early Sunday morning', () => {
    const { viewer } = formatSessionTime({ ...makassarSession, locale: 'en', viewerTimeZone: 'America/Los_Angeles' });
    expect(viewer?.text).toBe('Sunday, 7 December 2025 · 4:00–5:30 AM PST');
  });

  it('names both halves of the day when a session crosses noon', () => {
    const { session } = formatSessionTime({
      startsAt: '2025-12-07T03:30:00Z',
      durationMinutes: 90,
      timeZone: 'Asia/Makassar',
      locale: 'en',
    });
    expect(session.time).toBe('11:30 AM–1:00 PM');
  });

  it('adds no viewer line for a zone whose clock reads the same', () => {
    const { viewer } = formatSessionTime({ ...makassarSession, locale: 'id', viewerTimeZone: 'Asia/Singapore' });
    expect(viewer).toBeNull();
  });

  it('refuses a start that is not a point in time', () => {
    expect(() => formatSessionTime({ ...makassarSession, startsAt: 'next Sunday', locale: 'id' })).toThrow(
      'Not a point in time',
    );
  });
});

describe('time zone names', () => {
  it('lists Indonesia’s zones, each valid and abbreviated as labelled', () => {
    expect(IANA_ZONES_ID.map((zone) => zone.timeZone)).toEqual([
      'Asia/Jakarta',
      'Asia/Pontianak',
      'Asia/Makassar',
      'Asia/Jayapura',
    ]);
    for (const zone of IANA_ZONES_ID) {
      expect(isValidTimeZone(zone.timeZone)).toBe(true);
      expect(zoneAbbreviation(zone.timeZone, sundayEveningInMakassar, 'en')).toBe(zone.abbreviation);
    }
  });

  it('accepts IANA names and their aliases, refuses offsets, typos and other letter case', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Ujung_Pandang')).toBe(true);
    expect(isValidTimeZone('+07:00')).toBe(false);
    expect(isValidTimeZone('asia/jakarta')).toBe(false);
    expect(isValidTimeZone('Asia/Bandung')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('validates a request’s zone with the same rule', () => {
    expect(timeZoneSchema.safeParse('Asia/Makassar').success).toBe(true);
    expect(timeZoneSchema.safeParse('WITA').success).toBe(false);
  });
});
