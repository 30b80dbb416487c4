import { SESSION_STATUSES, type SessionStatus } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../sessions/schema.ts';
import { createPreviewRenderer, noteworthyStatus, previewCardVersion, sessionPreviewCard } from './preview-image.ts';

/** "Menulis untuk Web", Tuesday 8 December 2026, 19:00–20:30 in Jakarta. */
const aSession = (changes: Partial<SessionRow> = {}) =>
  ({
    title: 'Menulis untuk Web',
    status: 'scheduled',
    startsAt: new Date('2026-12-08T12:00:00Z'),
    durationMinutes: 90,
    timeZone: 'Asia/Jakarta',
    ...changes,
  }) as SessionRow;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the link preview picture of a session', () => {
  const said: Record<SessionStatus, ReturnType<typeof noteworthyStatus>> = {
    draft: null,
    scheduled: null,
    live: 'live',
    ended: 'ended',
    cancelled: 'cancelled',
  };

  it('has a row for every status', () => {
    expect(Object.keys(said).sort()).toEqual([...SESSION_STATUSES].sort());
  });

  it.each(Object.entries(said))('says %s as %s (a state only when it is worth saying)', (status, expected) => {
    expect(noteworthyStatus(aSession({ status: status as SessionStatus }))).toBe(expected);
  });

  it('shows the title, the community and the time in the session’s own zone, in the reader’s language', () => {
    const id = sessionPreviewCard(aSession(), 'Komunitas Penulis Bandung', 'id');
    expect(id).toMatchObject({ title: 'Menulis untuk Web', community: 'Komunitas Penulis Bandung', status: null });
    expect(id.when).toContain('WIB');
    expect(id.when).toContain('19.00');
    expect(id.tagline).toBe('Sesi berbagi online yang tertata untuk komunitas');
    const en = sessionPreviewCard(aSession(), 'Komunitas Penulis Bandung', 'en');
    expect(en.when).toContain('December');
    expect(en.tagline).toBe('Moderated online sharing sessions for communities');
  });

  it('labels a cancelled or live session in the reader’s language, with its tone', () => {
    expect(sessionPreviewCard(aSession({ status: 'cancelled' }), 'K', 'id').status).toEqual({
      label: 'Dibatalkan',
      tone: 'cancelled',
    });
    expect(sessionPreviewCard(aSession({ status: 'live' }), 'K', 'en').status).toEqual({
      label: 'Live now',
      tone: 'live',
    });
  });

  it('has a version that stays for the same picture and changes when the session moves or is renamed', () => {
    const card = sessionPreviewCard(aSession(), 'K', 'id');
    const version = previewCardVersion(card);
    expect(version).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(previewCardVersion(sessionPreviewCard(aSession(), 'K', 'id'))).toBe(version);
    const moved = sessionPreviewCard(aSession({ startsAt: new Date('2026-12-08T13:00:00Z') }), 'K', 'id');
    expect(previewCardVersion(moved)).not.toBe(version);
    expect(previewCardVersion({ ...card, title: 'Menulis untuk Cetak' })).not.toBe(version);
    expect(previewCardVersion(sessionPreviewCard(aSession(), 'K', 'en'))).not.toBe(version);
  });
});

describe('the preview renderer', () => {
  const card = sessionPreviewCard(aSession(), 'Komunitas Penulis Bandung', 'id');

  it('draws a PNG of the card', async () => {
    const png = await createPreviewRenderer({ cacheSize: 2 }).png(card);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('draws a card asked for by many at once only once, and keeps it', async () => {
    const renderer = createPreviewRenderer({ cacheSize: 2 });
    const first = renderer.png(card);
    expect(renderer.png(card)).toBe(first);
    expect(renderer.png({ ...card })).toBe(first);
    await first;
  });

  it('forgets the least recently used card beyond its size', async () => {
    const renderer = createPreviewRenderer({ cacheSize: 2 });
    const a = renderer.png({ ...card, title: 'A' });
    const b = renderer.png({ ...card, title: 'B' });
    expect(renderer.png({ ...card, title: 'A' })).toBe(a);
    const c = renderer.png({ ...card, title: 'C' });
    expect(renderer.png({ ...card, title: 'A' })).toBe(a);
    const again = renderer.png({ ...card, title: 'B' });
    expect(again).not.toBe(b);
    await Promise.all([a, b, c, again]);
  });
});
