import { type Participant, type Room, Track, type TrackPublication } from 'livekit-client';

/** Roles the server gives the team, who are on stage by their role (LiveKit attribute `role`). */
const TEAM_ROLES = ['speaker', 'moderator'];
const ROLE_ORDER = ['speaker', 'moderator', 'guest'];

/** The participant behind an identity, whether this browser or another one. */
export function participantOf(room: Room, identity: string): Participant | undefined {
  return identity === room.localParticipant.identity ? room.localParticipant : room.remoteParticipants.get(identity);
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
  return everyone
    .sort(
      (a, b) =>
        rank(a) - rank(b) || (a.joinedAt?.getTime() ?? Number.MAX_VALUE) - (b.joinedAt?.getTime() ?? Number.MAX_VALUE),
    )
    .map((participant) => participant.identity);
}

function rank(participant: Participant): number {
  const index = ROLE_ORDER.indexOf(participant.attributes.role ?? '');
  return index === -1 ? ROLE_ORDER.length : index;
}

/** The first screen being shared, which takes the main area of the stage. */
export function sharedScreenOwner(room: Room): string | undefined {
  const everyone: Participant[] = [...room.remoteParticipants.values(), room.localParticipant];
  return everyone.find((participant) => isShowing(participant.getTrackPublication(Track.Source.ScreenShare)))?.identity;
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
