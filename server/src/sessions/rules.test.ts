import { SESSION_STATUSES, type SessionStatus } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { canRegister, canSeeSession, isListedPublicly, type SessionViewer } from './rules.ts';
import type { SessionRow } from './schema.ts';

type Visibility = SessionRow['visibility'];
const aSession = (status: SessionStatus, visibility: Visibility = 'public') => ({ status, visibility }) as SessionRow;

/** Someone with no role; a speaker of the session; an organizer of its community. */
const viewers: Record<string, SessionViewer> = {
  audience: { communityRole: null, sessionRole: null },
  speaker: { communityRole: null, sessionRole: 'speaker' },
  organizer: { communityRole: 'organizer', sessionRole: null },
};

describe('who may see a session (one they may not see answers 404)', () => {
  const table: [SessionStatus, Visibility, boolean, boolean, boolean][] = [
    // status      visibility  audience speaker organizer
    ['draft', 'public', false, true, true],
    ['scheduled', 'public', true, true, true],
    ['scheduled', 'unlisted', true, true, true],
    ['scheduled', 'private', false, true, true],
    ['live', 'public', true, true, true],
    ['live', 'private', false, true, true],
    ['ended', 'unlisted', true, true, true],
    ['cancelled', 'public', true, true, true],
    ['cancelled', 'private', false, true, true],
  ];

  it('covers every status', () => {
    expect([...new Set(table.map(([status]) => status))].sort()).toEqual([...SESSION_STATUSES].sort());
  });

  it.each(table)(
    'a %s %s session: the audience %s, a speaker %s, an organizer %s',
    (status, visibility, ...expected) => {
      expect(Object.values(viewers).map((viewer) => canSeeSession(aSession(status, visibility), viewer))).toEqual(
        expected,
      );
    },
  );
});

describe('which sessions the community page lists', () => {
  it('lists published public sessions only: never drafts, unlisted or private ones', () => {
    expect(SESSION_STATUSES.map((status) => [status, isListedPublicly(aSession(status))])).toEqual([
      ['draft', false],
      ['scheduled', true],
      ['live', true],
      ['ended', true],
      ['cancelled', true],
    ]);
    expect(isListedPublicly(aSession('scheduled', 'unlisted'))).toBe(false);
    expect(isListedPublicly(aSession('scheduled', 'private'))).toBe(false);
  });
});

describe('when registration is open', () => {
  it('is open while the session is scheduled or live, and closed otherwise', () => {
    expect(SESSION_STATUSES.filter((status) => canRegister(aSession(status)))).toEqual(['scheduled', 'live']);
  });
});
