/**
 * What OBS keys and the stage agree on, without zod, so the room's first chunk that reads them
 * does not download the schemas (whip.ts holds those and re-exports these).
 */

/** How what OBS sends is shown: as the person's camera and microphone, or as their screen share. */
export const WHIP_SHOWN_AS = ['camera', 'screen_share'] as const;
export type WhipShownAs = (typeof WHIP_SHOWN_AS)[number];

/** The path LiveKit serves WHIP at, and Serambi's origin too (it forwards it to LiveKit). */
export const WHIP_PATH = '/whip/v1';

/** What a LiveKit participant publishing for someone else carries (attributes), so the stage shows it as theirs. */
export const WHIP_ATTRIBUTES = { owner: 'obsFor', shownAs: 'obsAs' } as const;
