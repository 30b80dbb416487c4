import { AccessToken, type TokenVerifier, TrackSource } from 'livekit-server-sdk';
import type { LiveKitCredentials, PublishedSource } from './gateway.ts';

/** Tokens for a participant that only publishes for someone else (OBS through WHIP), and reading one back. */

/**
 * A token that may only publish, for a participant that sends media for someone else (OBS through
 * WHIP): no subscribing, no data, no metadata of its own, visible; `sources` are all it may publish.
 */
export interface PublishOnlyToken {
  room: string;
  identity: string;
  name: string;
  attributes: Record<string, string>;
  sources: PublishedSource[];
  /** When it stops opening the room (LiveKit checks it when a connection starts). */
  expiresAt: Date;
  now: Date;
}

/** What a token this deployment's key signed says, as far as Serambi reads it. */
export interface ReadToken {
  identity: string;
  name: string;
  room: string;
  attributes: Record<string, string>;
  canPublish: boolean;
  canSubscribe: boolean;
  sources: PublishedSource[];
  expiresAt: Date;
}

/** LiveKit's track source of each source Serambi names. */
export const SOURCE_OF: Record<PublishedSource, TrackSource> = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
  screen_share: TrackSource.SCREEN_SHARE,
};

const isPublishedSource = (value: unknown): value is PublishedSource =>
  value === 'microphone' || value === 'camera' || value === 'screen_share';

export async function mintPublishOnlyToken(credentials: LiveKitCredentials, token: PublishOnlyToken): Promise<string> {
  const ttlSeconds = Math.max(1, Math.floor((token.expiresAt.getTime() - token.now.getTime()) / 1000));
  const at = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity: token.identity,
    name: token.name,
    attributes: token.attributes,
    ttl: ttlSeconds,
  });
  at.addGrant({
    room: token.room,
    roomJoin: true,
    canSubscribe: false,
    canPublish: true,
    canPublishData: false,
    canPublishSources: token.sources.map((source) => SOURCE_OF[source]),
    canUpdateOwnMetadata: false,
    hidden: false,
  });
  return at.toJwt();
}

export async function readToken(verifier: TokenVerifier, jwt: string): Promise<ReadToken | null> {
  try {
    const claims = await verifier.verify(jwt);
    const video = claims.video;
    if (!claims.sub || !video?.room || typeof claims.exp !== 'number') return null;
    // The SDK writes sources as numbers or names depending on who minted the token.
    const sources = (video.canPublishSources ?? []).flatMap((source: unknown) => {
      const name = typeof source === 'number' ? TrackSource[source]?.toLowerCase() : String(source).toLowerCase();
      return isPublishedSource(name) ? [name] : [];
    });
    return {
      identity: claims.sub,
      name: claims.name ?? '',
      room: video.room,
      attributes: claims.attributes ?? {},
      canPublish: video.canPublish !== false,
      canSubscribe: video.canSubscribe !== false,
      sources,
      expiresAt: new Date(claims.exp * 1000),
    };
  } catch {
    return null;
  }
}
