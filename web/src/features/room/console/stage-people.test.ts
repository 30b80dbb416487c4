import { Track } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { orderStagePeople, type StageParticipant, stagePersonOf } from './stage-people.ts';

function participant(
  identity: string,
  role: string | undefined,
  publications: Partial<Record<Track.Source, { isMuted: boolean }>> = {},
): StageParticipant {
  return {
    identity,
    name: identity.toUpperCase(),
    attributes: role ? { role } : {},
    getTrackPublication: ((source: Track.Source) => publications[source]) as StageParticipant['getTrackPublication'],
  };
}

describe('stagePersonOf', () => {
  it('reads each source as live, muted or not published', () => {
    const person = stagePersonOf(
      participant('r_1', 'guest', {
        [Track.Source.Microphone]: { isMuted: false },
        [Track.Source.Camera]: { isMuted: true },
      }),
      false,
    );
    expect(person).toMatchObject({ role: 'guest', microphone: 'on', camera: 'muted', screenShare: 'none' });
  });

  it('leaves out a visible participant without a stage role', () => {
    expect(stagePersonOf(participant('recorder', undefined), false)).toBeNull();
    expect(stagePersonOf(participant('u_x', 'participant'), false)).toBeNull();
  });
});

describe('orderStagePeople', () => {
  it('puts moderators, then speakers, then guests', () => {
    const people = ['guest', 'speaker', 'moderator'].map(
      (role, index) => stagePersonOf(participant(`u_${index}`, role), false) ?? expect.unreachable(),
    );
    expect(orderStagePeople(people).map((person) => person.role)).toEqual(['moderator', 'speaker', 'guest']);
  });
});
