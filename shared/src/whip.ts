import { z } from 'zod';
import { WHIP_SHOWN_AS } from './whip-values.ts';

export * from './whip-values.ts';

/**
 * OBS as a speaker (WHIP): a speaker or moderator gets a personal WHIP address and stream key
 * for OBS (Settings → Stream → Service "WHIP"). What OBS sends appears on the stage as theirs.
 */

export const issueWhipKeyRequestSchema = z
  .object({ as: z.enum(WHIP_SHOWN_AS) })
  .strict()
  .meta({ id: 'IssueWhipKeyRequest' });
export type IssueWhipKeyRequest = z.infer<typeof issueWhipKeyRequestSchema>;

export const whipKeySchema = z
  .object({
    /** Serambi's public origin + /whip/v1: OBS's "Server". */
    url: z.string(),
    /** OBS's "Bearer Token": a LiveKit access token that may only publish, as this person's OBS. */
    key: z.string(),
    as: z.enum(WHIP_SHOWN_AS),
    /** The LiveKit identity OBS appears as: the person's identity + "#obs" + the key's number. */
    identity: z.string(),
    issuedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'WhipKey' });
export type WhipKey = z.infer<typeof whipKeySchema>;

export const whipKeyStateSchema = z.object({ key: whipKeySchema.nullable() }).meta({ id: 'WhipKeyState' });
export type WhipKeyState = z.infer<typeof whipKeyStateSchema>;
