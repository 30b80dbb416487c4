import type { LinkSigner } from '../storage/signed-links.ts';

export type MediaPurpose = 'play' | 'poster' | 'download';

/** Long enough to watch a long replay with pauses; the page asks for a fresh one when it reloads. */
const TTL_SECONDS: Record<MediaPurpose, number> = { play: 12 * 3600, poster: 12 * 3600, download: 3600 };

/**
 * Signed, short-lived addresses of a recording's files. A <video> element cannot send a bearer
 * header, and a registrant with a join link has no cookie, so the right to watch is checked when
 * the address is made (the replay endpoint) and the address carries it: one recording, one
 * purpose, until it expires.
 */
export interface MediaLinks {
  url(recordingId: string, purpose: MediaPurpose, now: Date): string;
  /** True when `token` grants `purpose` on `recordingId` at `now`. */
  check(recordingId: string, purpose: MediaPurpose, token: string | undefined, now: Date): boolean;
}

const PATHS: Record<MediaPurpose, string> = { play: 'media', poster: 'poster', download: 'download' };

export function createMediaLinks(signer: LinkSigner): MediaLinks {
  return {
    url(recordingId, purpose, now) {
      const expires = Math.floor(now.getTime() / 1000) + TTL_SECONDS[purpose];
      return `/api/recordings/${recordingId}/${PATHS[purpose]}?token=${signer.token(`${recordingId}.${purpose}`, expires)}`;
    },
    check: (recordingId, purpose, token, now) => signer.check(`${recordingId}.${purpose}`, token, now),
  };
}
