import { WHIP_ATTRIBUTES } from '@serambi/shared';
import { type Participant, type Room, RoomEvent, Track } from 'livekit-client';
import { createEffect, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';

/** Who can stand on the stage, as the server writes it into each visible participant's `role` attribute. */
export const STAGE_ROLES = ['moderator', 'speaker', 'guest'] as const;
export type StageRole = (typeof STAGE_ROLES)[number];

/** A source as the moderator sees it: not published, live, or muted. */
export type SourceState = 'none' | 'on' | 'muted';

export interface StagePerson {
  identity: string;
  name: string;
  role: StageRole;
  isLocal: boolean;
  microphone: SourceState;
  camera: SourceState;
  screenShare: SourceState;
  /** They also present from OBS (a WHIP connection publishing for them). */
  obs: boolean;
}

/** The parts of a LiveKit participant read here, so tests can hand in a plain object. */
export type StageParticipant = Pick<Participant, 'identity' | 'name' | 'attributes' | 'getTrackPublication'>;

function sourceState(participant: StageParticipant, source: Track.Source): SourceState {
  const publication = participant.getTrackPublication(source);
  if (!publication) return 'none';
  return publication.isMuted ? 'muted' : 'on';
}

const isStageRole = (role: string | undefined): role is StageRole => STAGE_ROLES.includes(role as StageRole);

/** A participant on stage as the console shows them; null for anyone without a stage role (e.g. a recorder). */
export function stagePersonOf(participant: StageParticipant, isLocal: boolean): StagePerson | null {
  const role = participant.attributes.role;
  if (!isStageRole(role)) return null;
  return {
    identity: participant.identity,
    name: participant.name || participant.identity,
    role,
    isLocal,
    microphone: sourceState(participant, Track.Source.Microphone),
    camera: sourceState(participant, Track.Source.Camera),
    screenShare: sourceState(participant, Track.Source.ScreenShare),
    obs: false,
  };
}

/** The stronger of two states of one source: live if either is, else muted if either is. */
const either = (a: SourceState, b: SourceState): SourceState =>
  a === 'on' || b === 'on' ? 'on' : a === 'muted' || b === 'muted' ? 'muted' : 'none';

/**
 * The console's people from LiveKit's participants: someone presenting from OBS (a participant
 * with the `obsFor` attribute) is one row with their browser, their sources each live if either
 * sends it; OBS's video counts as their screen share when they chose so (`obsAs`). The moderator
 * mutes the person, and the server mutes both.
 */
export function stagePeopleOf(
  participants: readonly { participant: StageParticipant; isLocal: boolean }[],
): StagePerson[] {
  const byIdentity = new Map<string, StagePerson>();
  const fromObs: StagePerson[] = [];
  for (const { participant, isLocal } of participants) {
    const person = stagePersonOf(participant, isLocal);
    if (!person) continue;
    const owner = participant.attributes[WHIP_ATTRIBUTES.owner];
    if (!owner) {
      byIdentity.set(person.identity, person);
      continue;
    }
    const asScreen = participant.attributes[WHIP_ATTRIBUTES.shownAs] === 'screen_share';
    fromObs.push({
      ...person,
      identity: owner,
      camera: asScreen ? 'none' : person.camera,
      screenShare: asScreen ? person.camera : 'none',
      obs: true,
    });
  }
  for (const obs of fromObs) {
    const browser = byIdentity.get(obs.identity);
    byIdentity.set(
      obs.identity,
      browser
        ? {
            ...browser,
            microphone: either(browser.microphone, obs.microphone),
            camera: either(browser.camera, obs.camera),
            screenShare: either(browser.screenShare, obs.screenShare),
            obs: true,
          }
        : obs,
    );
  }
  return orderStagePeople([...byIdentity.values()]);
}

/** Team first (moderators, then speakers), then guests; by name within each. */
export function orderStagePeople(people: readonly StagePerson[]): StagePerson[] {
  return [...people].sort(
    (a, b) => STAGE_ROLES.indexOf(a.role) - STAGE_ROLES.indexOf(b.role) || a.name.localeCompare(b.name),
  );
}

/** Everything that can change who is on stage or what they publish. */
const STAGE_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.Reconnected,
] as const;

/**
 * The people visible on the LiveKit stage room with the state of their sources, kept current
 * from the room's events. Rows are reconciled by identity, so a focused button survives an update.
 */
export function createStagePeople(room: () => Room | undefined): readonly StagePerson[] {
  const [people, setPeople] = createStore<StagePerson[]>([]);
  createEffect(() => {
    const current = room();
    if (!current) {
      setPeople([]);
      return;
    }
    const refresh = () => {
      const everyone = stagePeopleOf([
        { participant: current.localParticipant, isLocal: true },
        ...[...current.remoteParticipants.values()].map((participant) => ({ participant, isLocal: false })),
      ]);
      setPeople(reconcile(everyone, { key: 'identity' }));
    };
    refresh();
    for (const event of STAGE_EVENTS) current.on(event, refresh);
    onCleanup(() => {
      for (const event of STAGE_EVENTS) current.off(event, refresh);
    });
  });
  return people;
}
