import type { Attendee, Certificate } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { certificateStatusByEmail, presenceCounts, visiblePeople } from './people.ts';

const person = (name: string, seconds: number, extra: Partial<Attendee> = {}): Attendee => ({
  key: `${name.toLowerCase().replaceAll(' ', '.')}@peserta.example`,
  name,
  email: `${name.toLowerCase().replaceAll(' ', '.')}@peserta.example`,
  role: 'participant',
  registrationId: null,
  registered: true,
  attended: seconds > 0,
  minutes: Math.floor(seconds / 60),
  seconds,
  percent: 0,
  connections: seconds > 0 ? 1 : 0,
  firstJoinedAt: null,
  lastLeftAt: null,
  gaveFeedback: false,
  ...extra,
});

const people = [
  person('Ayu Pratama', 1200),
  person('René Gede', 5400),
  person('Bagus Santoso', 0),
  person('Citra Maharani', 5400),
];

describe('the people of the attendance report', () => {
  it('are listed longest in the room first, equal stays by name', () => {
    const names = visiblePeople(people, { presence: 'all', query: '' }).map((p) => p.name);
    expect(names).toEqual(['Citra Maharani', 'René Gede', 'Ayu Pratama', 'Bagus Santoso']);
  });

  it('can be narrowed to those who came or those who did not', () => {
    expect(visiblePeople(people, { presence: 'absent', query: '' }).map((p) => p.name)).toEqual(['Bagus Santoso']);
    expect(visiblePeople(people, { presence: 'attended', query: '' })).toHaveLength(3);
    expect(presenceCounts(people)).toEqual({ all: 4, attended: 3, absent: 1 });
  });

  it('are found by any part of their name or email, whatever the case or accents', () => {
    expect(visiblePeople(people, { presence: 'all', query: 'rene' }).map((p) => p.name)).toEqual(['René Gede']);
    expect(visiblePeople(people, { presence: 'all', query: '  GEDE  rené ' }).map((p) => p.name)).toEqual([
      'René Gede',
    ]);
    expect(visiblePeople(people, { presence: 'all', query: 'bagus.santoso@' })).toHaveLength(1);
    expect(visiblePeople(people, { presence: 'attended', query: 'bagus' })).toHaveLength(0);
  });
});

describe('whose certificate says what', () => {
  const certificate = (email: string, status: Certificate['status'], issuedAt: string): Certificate => ({
    id: `${email}-${issuedAt}`,
    number: 'SRB-0000-0000-0000-0000',
    scope: 'session',
    status,
    origin: 'rule',
    name: 'x',
    email,
    registrationId: null,
    issuedAt,
    revokedAt: null,
    revokeReason: null,
    replacedBy: null,
    mailedAt: null,
  });

  it('a valid certificate wins over the one it replaced, and otherwise the latest counts', () => {
    const statuses = certificateStatusByEmail([
      certificate('ayu@peserta.example', 'replaced', '2025-12-07T14:00:00Z'),
      certificate('Ayu@Peserta.example', 'valid', '2025-12-08T09:00:00Z'),
      certificate('budi@peserta.example', 'revoked', '2025-12-07T14:00:00Z'),
      certificate('citra@peserta.example', 'revoked', '2025-12-07T14:00:00Z'),
      certificate('citra@peserta.example', 'replaced', '2025-12-06T14:00:00Z'),
    ]);
    expect(statuses.get('ayu@peserta.example')).toBe('valid');
    expect(statuses.get('budi@peserta.example')).toBe('revoked');
    expect(statuses.get('citra@peserta.example')).toBe('revoked');
    expect(statuses.get('dewa@peserta.example')).toBeUndefined();
  });
});
