import { describe, expect, it } from 'vitest';
import type { RegistrationRow } from '../registrations/schema.ts';
import type { RoomParticipantRow } from './schema.ts';
import { type LostStanding, lostStanding, refusalFor, teamRoleOf } from './standing.ts';

/**
 * Pure parts of standing: the database is never asked here, because none of these cases reads
 * the team (a participant, or a team member without an account); the team's case is proven
 * against a real database in test/integration/room-rights.test.ts.
 */
const noDatabase = new Proxy(
  {},
  {
    get: () => {
      throw new Error('the database was asked');
    },
  },
) as never;
const session = { id: 's1', communityId: 'c1' };

function aParticipant(row: Partial<RoomParticipantRow> = {}): RoomParticipantRow {
  return { role: 'participant', userId: null, bannedAt: null, removedAt: null, ...row } as RoomParticipantRow;
}
const standingOf = (row: RoomParticipantRow, registration: RegistrationRow['status'] | null = 'registered') =>
  lostStanding(noDatabase, session, row, registration);

describe('whether someone still stands in the room', () => {
  const at = new Date('2025-03-01T13:30:00Z');

  it('stands while registered and neither banned nor removed', async () => {
    expect(await standingOf(aParticipant())).toBeNull();
  });

  it('stands without a registration at all (let in from a private session’s lobby)', async () => {
    expect(await standingOf(aParticipant(), null)).toBeNull();
  });

  it('loses it when banned, a ban counting before a removal', async () => {
    expect(await standingOf(aParticipant({ bannedAt: at, removedAt: at }))).toBe('banned');
  });

  it('loses it when removed', async () => {
    expect(await standingOf(aParticipant({ removedAt: at }))).toBe('removed');
  });

  it('loses it when the registration was cancelled, or moved to the waitlist', async () => {
    expect(await standingOf(aParticipant(), 'cancelled')).toBe('registration_cancelled');
    expect(await standingOf(aParticipant(), 'waitlisted')).toBe('waitlisted');
  });

  it('does not ask about the team for a speaker who came by an invitation without an account', async () => {
    expect(await standingOf(aParticipant({ role: 'speaker', userId: null }), null)).toBeNull();
  });
});

describe('what someone whose standing is lost is told', () => {
  const table: [LostStanding, number, string][] = [
    ['banned', 403, 'room_banned'],
    ['removed', 403, 'room_removed'],
    ['registration_cancelled', 403, 'room_registration_cancelled'],
    ['waitlisted', 403, 'room_waitlisted'],
    // The ticket was for a role they no longer have: entering again gives them what they are now.
    ['team_role_changed', 401, 'room_ticket'],
  ];
  it.each(table)('%s: %i %s', (lost, status, code) => {
    expect(refusalFor(lost)).toMatchObject({ status, code });
  });
});

describe('the room role a team member has', () => {
  it('is moderator for any organizer of the community, whatever their part in the session', () => {
    expect(teamRoleOf({ communityRole: 'owner', sessionRole: null })).toBe('moderator');
    expect(teamRoleOf({ communityRole: 'organizer', sessionRole: 'speaker' })).toBe('moderator');
  });

  it('is their part in the session otherwise, and none for someone with neither', () => {
    expect(teamRoleOf({ communityRole: null, sessionRole: 'speaker' })).toBe('speaker');
    expect(teamRoleOf({ communityRole: null, sessionRole: 'moderator' })).toBe('moderator');
    expect(teamRoleOf({ communityRole: null, sessionRole: null })).toBeNull();
  });
});
