import { createHmac, timingSafeEqual } from 'node:crypto';

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

export function createMediaLinks(secret: string): MediaLinks {
  const sign = (id: string, purpose: MediaPurpose, expires: number) =>
    createHmac('sha256', secret).update(`${id}.${purpose}.${expires}`).digest('base64url');
  return {
    url(recordingId, purpose, now) {
      const expires = Math.floor(now.getTime() / 1000) + TTL_SECONDS[purpose];
      const token = `${expires}.${sign(recordingId, purpose, expires)}`;
      return `/api/recordings/${recordingId}/${PATHS[purpose]}?token=${token}`;
    },
    check(recordingId, purpose, token, now) {
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
      if (!match) return false;
      const expires = Number(match[1]);
      if (expires * 1000 < now.getTime()) return false;
      const expected = Buffer.from(sign(recordingId, purpose, expires));
      const given = Buffer.from(match[2] ?? '');
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
