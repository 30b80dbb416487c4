import { Track } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { orderStagePeople, type StageParticipant, stagePeopleOf, stagePersonOf } from './stage-people.ts';

function participant(
  identity: string,
  role: string | undefined,
  publications: Partial<Record<Track.Source, { isMuted: boolean }>> = {},
  attributes: Record<string, string> = {},
): StageParticipant {
  return {
    identity,
    name: identity.toUpperCase(),
    attributes: role ? { role, ...attributes } : attributes,
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

describe('stagePeopleOf', () => {
  const on = { isMuted: false };
  const muted = { isMuted: true };

  it('shows a speaker and their OBS as one person, each source live if either sends it', () => {
    const people = stagePeopleOf([
      { participant: participant('u_1', 'speaker', { [Track.Source.Microphone]: muted }), isLocal: false },
      {
        participant: participant(
          'u_1#obs2',
          'speaker',
          { [Track.Source.Camera]: on, [Track.Source.Microphone]: on },
          { obsFor: 'u_1', obsAs: 'camera' },
        ),
        isLocal: false,
      },
    ]);
    expect(people).toEqual([
      expect.objectContaining({ identity: 'u_1', microphone: 'on', camera: 'on', screenShare: 'none', obs: true }),
    ]);
  });

  it('counts an OBS shown as a screen share as the person’s screen share, also without their browser', () => {
    const people = stagePeopleOf([
      {
        participant: participant(
          'u_1#obs1',
          'speaker',
          { [Track.Source.Camera]: on },
          { obsFor: 'u_1', obsAs: 'screen_share' },
        ),
        isLocal: false,
      },
    ]);
    expect(people).toEqual([
      expect.objectContaining({ identity: 'u_1', camera: 'none', screenShare: 'on', obs: true }),
    ]);
  });
});
