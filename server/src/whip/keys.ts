import { WHIP_ATTRIBUTES, WHIP_PATH, type WhipKey, type WhipShownAs } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { LiveKitGateway, PublishedSource } from '../livekit/gateway.ts';
import { backstageRoomName, stageRoomName } from '../room/events.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { type WhipKeyRow, whipKeys } from './schema.ts';

/**
 * What a WHIP key is made of, apart from who may have one (service.ts) and how OBS reaches
 * LiveKit with it (proxy.ts).
 */

const OBS_IDENTITY = /^(.+)#obs(\d{1,9})$/;

/** The LiveKit identity OBS publishes as, for one key of one person: theirs + "#obs" + the key's number. */
export const obsIdentityOf = (identity: string, generation: number) => `${identity}#obs${generation}`;

/** Whose OBS a LiveKit identity is, and with which key; null for anyone else. */
export function obsOwnerOf(identity: string): { identity: string; generation: number } | null {
  const match = OBS_IDENTITY.exec(identity);
  return match?.[1] && match[2] ? { identity: match[1], generation: Number(match[2]) } : null;
}

/**
 * What OBS may publish. LiveKit v1.13.5 labels every track a WHIP client sends as a camera
 * (video) or a microphone (audio) (pkg/rtc/participant.go `synthesizeAddTrackRequests`), and
 * refuses a track whose source the token does not grant: so both choices grant exactly those
 * two, and "as a screen share" is how the stage shows it (the `obsAs` attribute).
 */
export const OBS_SOURCES: PublishedSource[] = ['camera', 'microphone'];

/** The margin after the session's planned end: a session that runs late, or OBS reconnecting near the end. */
const AFTER_END_MS = 2 * 60 * 60 * 1000;
/** A key made days ahead still lives no longer than this (make a new one on the day). */
const LONGEST_MS = 24 * 60 * 60 * 1000;
/** Not shorter than this, even made after the planned end of a session that runs long. */
const SHORTEST_MS = 60 * 60 * 1000;

/**
 * Until the session's planned end plus two hours, but at most a day from now and at least an
 * hour. LiveKit checks a token's expiry when a connection starts, not while it lasts, so the key
 * must outlive the session for OBS to reconnect after a drop; a key found later is useless.
 */
export function keyExpiry(session: Pick<SessionRow, 'startsAt' | 'durationMinutes'>, now: Date): Date {
  const plannedEnd = session.startsAt.getTime() + session.durationMinutes * 60_000;
  const at = Math.min(plannedEnd + AFTER_END_MS, now.getTime() + LONGEST_MS);
  return new Date(Math.max(at, now.getTime() + SHORTEST_MS));
}

/** The LiveKit room a team member publishes in now: the backstage before the session is live, then the stage. */
export const publishingRoomOf = (session: Pick<SessionRow, 'id' | 'status'>) =>
  session.status === 'live' ? stageRoomName(session.id) : backstageRoomName(session.id);

/** A key that still opens the room (not revoked, not expired) at `now`. */
export const isCurrent = (row: WhipKeyRow, now: Date) => row.revokedAt === null && row.expiresAt > now;

export async function keyRowOf(db: Database, sessionId: string, identity: string): Promise<WhipKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(whipKeys)
    .where(and(eq(whipKeys.sessionId, sessionId), eq(whipKeys.identity, identity)));
  return row;
}

/** The LiveKit token OBS presents: publish-only, as the owner's OBS identity, in `room`, until the key's expiry. */
export function mintObsToken(
  livekit: LiveKitGateway,
  owner: Pick<RoomParticipantRow, 'identity' | 'name' | 'role' | 'title'>,
  row: Pick<WhipKeyRow, 'generation' | 'shownAs' | 'expiresAt'>,
  room: string,
  now: Date,
): Promise<string> {
  return livekit.mintPublishOnlyToken({
    room,
    identity: obsIdentityOf(owner.identity, row.generation),
    name: owner.name,
    attributes: {
      role: owner.role,
      title: owner.title,
      [WHIP_ATTRIBUTES.owner]: owner.identity,
      [WHIP_ATTRIBUTES.shownAs]: row.shownAs,
    },
    sources: OBS_SOURCES,
    expiresAt: row.expiresAt,
    now,
  });
}

/** A key as its holder sees it. */
export async function keyView(
  livekit: LiveKitGateway,
  publicOrigin: string,
  session: Pick<SessionRow, 'id' | 'status'>,
  owner: RoomParticipantRow,
  row: WhipKeyRow,
  now: Date,
): Promise<WhipKey> {
  return {
    url: `${publicOrigin}${WHIP_PATH}`,
    key: await mintObsToken(livekit, owner, row, publishingRoomOf(session), now),
    as: row.shownAs as WhipShownAs,
    identity: obsIdentityOf(owner.identity, row.generation),
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
