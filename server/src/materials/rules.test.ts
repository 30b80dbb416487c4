import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { authorizeInRoom, type RoomCaller } from '../room/rules.ts';
import type { SessionViewer } from '../sessions/rules.ts';
import { authorizeManaging, materialRules, mayManageMaterials } from './rules.ts';

const viewers = {
  owner: { communityRole: 'owner', sessionRole: null },
  organizer: { communityRole: 'organizer', sessionRole: null },
  speaker: { communityRole: null, sessionRole: 'speaker' },
  moderator: { communityRole: null, sessionRole: 'moderator' },
  anyoneElse: { communityRole: null, sessionRole: null },
} satisfies Record<string, SessionViewer>;

const inRoom = (role: RoomCaller['role'], admission: RoomCaller['admission'] = 'admitted'): RoomCaller => ({
  identity: `${role}-1`,
  role,
  admission,
});

/** What the caller gets: allowed, or the refusal's code. */
function answer(check: () => void): string {
  try {
    check();
    return 'yes';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('who may do what with a session’s materials', () => {
  it('lets its organizers, speakers and moderators attach and delete, and nobody else', () => {
    expect(
      Object.entries(viewers)
        .filter(([, viewer]) => mayManageMaterials(viewer))
        .map(([who]) => who),
    ).toEqual(['owner', 'organizer', 'speaker', 'moderator']);
    expect(answer(() => authorizeManaging(viewers.anyoneElse))).toBe('materials_team_only');
  });

  it('lets everyone let in the room see them, and moderators alone pin one', () => {
    const table = {
      participant: inRoom('participant'),
      speaker: inRoom('speaker'),
      moderator: inRoom('moderator'),
      inTheLobby: inRoom('participant', 'pending'),
    };
    const answers = Object.fromEntries(
      Object.entries(table).map(([who, caller]) => [
        who,
        {
          list: answer(() => authorizeInRoom(materialRules, 'list', caller)),
          pin: answer(() => authorizeInRoom(materialRules, 'pin', caller)),
        },
      ]),
    );
    expect(answers).toEqual({
      participant: { list: 'yes', pin: 'room_moderators_only' },
      speaker: { list: 'yes', pin: 'room_moderators_only' },
      moderator: { list: 'yes', pin: 'yes' },
      inTheLobby: { list: 'room_not_admitted', pin: 'room_not_admitted' },
    });
  });
});
