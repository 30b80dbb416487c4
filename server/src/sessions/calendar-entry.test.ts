import { describe, expect, it } from 'vitest';
import { calendarEntry, senderAddress } from './calendar-entry.ts';
import type { SessionRow } from './schema.ts';

const session = {
  id: 'ses_1',
  slug: 'sharing-online-3-ab12cd3',
  title: 'Sharing Online #3',
  description: 'Belajar Rust bersama',
  startsAt: new Date('2025-03-01T13:00:00Z'),
  durationMinutes: 90,
  timeZone: 'Asia/Jakarta',
  status: 'scheduled',
  revision: 4,
} as SessionRow;
const source = { publicUrl: 'https://serambi.example', mailFrom: 'Serambi <no-reply@serambi.example>' };

describe('a session as a calendar entry', () => {
  it('carries the session’s time, zone, page and revision, organized by the community at the sender address', () => {
    expect(calendarEntry(session, { name: 'Komunitas Rust Indonesia' }, source)).toEqual({
      sessionId: 'ses_1',
      title: 'Sharing Online #3',
      description: 'Belajar Rust bersama',
      url: 'https://serambi.example/s/sharing-online-3-ab12cd3',
      startsAt: session.startsAt,
      durationMinutes: 90,
      timeZone: 'Asia/Jakarta',
      organizer: { name: 'Komunitas Rust Indonesia', email: 'no-reply@serambi.example' },
      status: 'CONFIRMED',
      sequence: 4,
    });
  });

  it('marks a cancelled session CANCELLED, so calendars that have it take it off', () => {
    expect(calendarEntry({ ...session, status: 'cancelled' }, { name: 'K' }, source).status).toBe('CANCELLED');
  });

  it('confirms a session in every other status', () => {
    for (const status of ['draft', 'scheduled', 'live', 'ended'] as const) {
      expect(calendarEntry({ ...session, status }, { name: 'K' }, source).status).toBe('CONFIRMED');
    }
  });
});

describe('the address a sender line names', () => {
  it('takes the address out of "Name <address>"', () => {
    expect(senderAddress('Serambi <no-reply@serambi.example>')).toBe('no-reply@serambi.example');
  });

  it('takes a bare address as it is', () => {
    expect(senderAddress('no-reply@serambi.example')).toBe('no-reply@serambi.example');
  });
});
