import { WHIP_ATTRIBUTES } from '@serambi/shared';
import { type Participant, type Room, Track, type TrackPublication } from 'livekit-client';

/** Roles the server gives the team, who are on stage by their role (LiveKit attribute `role`). */
const TEAM_ROLES = ['speaker', 'moderator'];
const ROLE_ORDER = ['speaker', 'moderator', 'guest'];

/** The participant behind an identity, whether this browser or another one. */
export function participantOf(room: Room, identity: string): Participant | undefined {
  return identity === room.localParticipant.identity ? room.localParticipant : room.remoteParticipants.get(identity);
}

/** Whose OBS a participant is (it publishes for them through WHIP); undefined for anyone else. */
export const obsOwnerOf = (participant: Participant): string | undefined =>
  participant.attributes[WHIP_ATTRIBUTES.owner] || undefined;

/** The person a participant is shown as on stage: its owner for an OBS, itself otherwise. */
const personIdentityOf = (participant: Participant) => obsOwnerOf(participant) ?? participant.identity;

/** The OBS connections publishing for `identity`. */
export function obsOf(room: Room, identity: string): Participant[] {
  return [...room.remoteParticipants.values()].filter((participant) => obsOwnerOf(participant) === identity);
}

/** The participant that stands for a person on stage: their browser, or else their OBS. */
export function personOf(room: Room, identity: string): Participant | undefined {
  return participantOf(room, identity) ?? obsOf(room, identity)[0];
}

/**
 * Which of an OBS's tracks stands for a person's source. LiveKit labels what a WHIP client sends
 * a camera and a microphone; the OBS's `obsAs` attribute says whether its video is the person's
 * camera or their screen share.
 */
function obsSourceFor(obs: Participant, source: Track.Source): Track.Source | undefined {
  const asScreen = obs.attributes[WHIP_ATTRIBUTES.shownAs] === 'screen_share';
  if (source === Track.Source.Microphone) return Track.Source.Microphone;
  if (source === Track.Source.ScreenShare) return asScreen ? Track.Source.Camera : undefined;
  if (source === Track.Source.Camera) return asScreen ? undefined : Track.Source.Camera;
  return undefined;
}

/** A person's publication of `source`: their browser's while it shows, else what their OBS sends as that source. */
export function publicationOf(room: Room, identity: string, source: Track.Source): TrackPublication | undefined {
  const own = participantOf(room, identity)?.getTrackPublication(source);
  if (isShowing(own)) return own;
  for (const obs of obsOf(room, identity)) {
    const theirs = obsSourceFor(obs, source);
    const publication = theirs === undefined ? undefined : obs.getTrackPublication(theirs);
    if (isShowing(publication)) return publication;
  }
  return own;
}

/**
 * Who gets a tile: the team, and the guests the server says are on stage (`onStageGuests`, from
 * the room's state). LiveKit alone is not enough: a guest brought down becomes hidden again, and
 * LiveKit tells nobody about hidden participants, so their last attributes would linger. This
 * browser's own tile only while it may publish. Speakers first, then moderators, then guests,
 * each in order of arrival.
 */
export function stageIdentities(room: Room, onStageGuests: ReadonlySet<string>): string[] {
  const remote = [...room.remoteParticipants.values()].filter(
    (participant) => TEAM_ROLES.includes(participant.attributes.role ?? '') || onStageGuests.has(participant.identity),
  );
  const local = room.localParticipant;
  const everyone: Participant[] = local.permissions?.canPublish ? [...remote, local] : remote;
  return (
    everyone
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (a.joinedAt?.getTime() ?? Number.MAX_VALUE) - (b.joinedAt?.getTime() ?? Number.MAX_VALUE),
      )
      .map(personIdentityOf)
      // A person with their browser and their OBS in the room has one tile.
      .filter((identity, index, all) => all.indexOf(identity) === index)
  );
}

function rank(participant: Participant): number {
  const index = ROLE_ORDER.indexOf(participant.attributes.role ?? '');
  return index === -1 ? ROLE_ORDER.length : index;
}

/** The first screen being shared, which takes the main area of the stage. */
export function sharedScreenOwner(room: Room): string | undefined {
  const everyone: Participant[] = [...room.remoteParticipants.values(), room.localParticipant];
  return everyone
    .map(personIdentityOf)
    .find((identity) => isShowing(publicationOf(room, identity, Track.Source.ScreenShare)));
}

/** A publication with a playable, unmuted track. */
export function isShowing(publication: TrackPublication | undefined): boolean {
  return publication?.track !== undefined && !publication.isMuted;
}

/** Initials for a tile without video: "Dewi Lestari" → "DL". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}
