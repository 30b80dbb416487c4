import { REPLAY_ACCESS, type ReplayAccess } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { authorizeInRoom, type RoomCaller } from '../room/rules.ts';
import { mayDownload, mayWatch, type ReplayViewer, recordingRules, refusedReplayState } from './rules.ts';

/** Everyone who may come to a replay page. */
const nobody: ReplayViewer = {
  organizer: false,
  team: false,
  registrant: false,
  signedIn: false,
  unconfirmedEmail: null,
};
const viewers = {
  organizer: { ...nobody, organizer: true, signedIn: true },
  team: { ...nobody, team: true, signedIn: true },
  registrant: { ...nobody, registrant: true, signedIn: true },
  linkHolder: { ...nobody, registrant: true },
  signedIn: { ...nobody, signedIn: true },
  unconfirmed: { ...nobody, signedIn: true, unconfirmedEmail: 'budi@example.id' },
  anonymous: nobody,
} satisfies Record<string, ReplayViewer>;
type Who = keyof typeof viewers;
const WHO = Object.keys(viewers) as Who[];

/** What someone gets at a replay: to watch it, or what they are told instead. */
function answerOf(access: ReplayAccess, viewer: ReplayViewer): string {
  if (mayWatch(access, viewer)) return 'watch';
  try {
    return refusedReplayState(access, viewer);
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('who may watch a replay, and what the others are told', () => {
  const table: [ReplayAccess, Record<Who, string>][] = [
    [
      'public',
      {
        organizer: 'watch',
        team: 'watch',
        registrant: 'watch',
        linkHolder: 'watch',
        signedIn: 'watch',
        unconfirmed: 'watch',
        anonymous: 'watch',
      },
    ],
    [
      'registrants',
      {
        organizer: 'watch',
        team: 'watch',
        registrant: 'watch',
        linkHolder: 'watch',
        signedIn: 'registrants_only',
        unconfirmed: '403 email_unconfirmed',
        anonymous: 'sign_in',
      },
    ],
    [
      'organizers',
      {
        organizer: 'watch',
        team: 'watch',
        registrant: 'organizers_only',
        linkHolder: 'organizers_only',
        signedIn: 'organizers_only',
        unconfirmed: 'organizers_only',
        anonymous: 'organizers_only',
      },
    ],
  ];

  it('has a row for every replay access', () => {
    expect(table.map(([access]) => access).sort()).toEqual([...REPLAY_ACCESS].sort());
  });

  it.each(table)('%s: %o', (access, expected) => {
    expect(Object.fromEntries(WHO.map((who) => [who, answerOf(access, viewers[who])]))).toEqual(expected);
  });

  it('asks someone with an unconfirmed address to confirm that address, and names it', () => {
    try {
      refusedReplayState('registrants', viewers.unconfirmed);
      expect.unreachable('an unconfirmed address where a registration counts is refused');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extra.params).toMatchObject({ email: 'budi@example.id' });
    }
  });
});

describe('who may download a replay’s file', () => {
  it('is the organizers alone, whoever else may watch', () => {
    expect(WHO.filter((who) => mayDownload(viewers[who]))).toEqual(['organizer']);
  });
});

describe('who controls the recording from the room', () => {
  const caller = (role: RoomCaller['role'], admission: RoomCaller['admission'] = 'admitted'): RoomCaller => ({
    identity: role,
    role,
    admission,
  });
  const answer = (who: RoomCaller) => {
    try {
      authorizeInRoom(recordingRules, 'control', who);
      return 'let in';
    } catch (error) {
      return (error as AppError).code;
    }
  };

  it('has the actions of the room’s recording and live stream controls', () => {
    expect(Object.keys(recordingRules)).toEqual(['control', 'stream']);
  });

  it('lets a moderator start and stop it, and nobody else in the room', () => {
    expect([caller('moderator'), caller('speaker'), caller('participant')].map(answer)).toEqual([
      'let in',
      'room_moderators_only',
      'room_moderators_only',
    ]);
  });

  it('lets a moderator run the live stream, and nobody else in the room', () => {
    const streams = (who: RoomCaller) => {
      try {
        authorizeInRoom(recordingRules, 'stream', who);
        return 'let in';
      } catch (error) {
        return (error as AppError).code;
      }
    };
    expect(
      [caller('moderator'), caller('speaker'), caller('participant'), caller('moderator', 'pending')].map(streams),
    ).toEqual(['let in', 'room_moderators_only', 'room_moderators_only', 'room_not_admitted']);
  });

  it('tells a moderator not let in that they are not let in', () => {
    expect(answer(caller('moderator', 'pending'))).toBe('room_not_admitted');
  });
});
