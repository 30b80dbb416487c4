import { z } from 'zod';
import { eventEnvelope, instantSchema } from './events.ts';
import { MATERIAL_KINDS, MATERIAL_REFUSALS } from './materials-values.ts';

export * from './materials-values.ts';

/**
 * A session's materials (docs/architecture.md#materials): slides and files its speakers and
 * organizers attach, downloaded by whoever may watch its replay and by everyone let in the room.
 * A moderator pins one during the session: a room event and part of the room snapshot.
 */

/** A file as people who may download it see it. */
export const materialSchema = z
  .object({
    id: z.string(),
    /** The stored name (made safe; its extension says the detected kind). */
    name: z.string(),
    kind: z.enum(MATERIAL_KINDS),
    sizeBytes: z.number().int(),
    uploadedAt: instantSchema,
    uploadedBy: z.string(),
    pinned: z.boolean(),
    /** A signed address that downloads it for a few minutes. */
    downloadUrl: z.string(),
  })
  .meta({ id: 'Material' });
export type Material = z.infer<typeof materialSchema>;

/** What a community's materials take of its limit (shown to organizers, speakers and moderators). */
export const materialUsageSchema = z
  .object({ usedBytes: z.number().int(), limitBytes: z.number().int(), maxFileBytes: z.number().int() })
  .meta({ id: 'MaterialUsage' });
export type MaterialUsage = z.infer<typeof materialUsageSchema>;

/** A session's materials for the caller: the files, or why they may not see them. */
export const sessionMaterialsSchema = z
  .object({
    state: z.enum(['available', ...MATERIAL_REFUSALS]),
    materials: z.array(materialSchema),
    /** The caller may attach and delete files (an organizer, speaker or moderator of the session). */
    canManage: z.boolean(),
    /** Present for those who may manage. */
    usage: materialUsageSchema.nullable(),
  })
  .meta({ id: 'SessionMaterials' });
export type SessionMaterials = z.infer<typeof sessionMaterialsSchema>;

/** The file a moderator pinned, as everyone in the room sees it (no address: each asks for their own). */
export const pinnedMaterialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(MATERIAL_KINDS),
    sizeBytes: z.number().int(),
    pinnedAt: instantSchema,
  })
  .meta({ id: 'PinnedMaterial' });
export type PinnedMaterial = z.infer<typeof pinnedMaterialSchema>;

export const pinMaterialRequestSchema = z
  .object({ materialId: z.uuid().nullable() })
  .strict()
  .meta({ id: 'PinMaterialRequest' });
export type PinMaterialRequest = z.infer<typeof pinMaterialRequestSchema>;

/** The file's name travels in the query: the body is the file itself, streamed. */
export const uploadMaterialQuerySchema = z.object({
  name: z.string().trim().min(1).max(255),
});

export const materialEventSchema = z.discriminatedUnion('type', [
  /** A file was pinned (everyone sees "Materials available"), or unpinned (`pinned: null`). */
  eventEnvelope('session.material', z.object({ pinned: pinnedMaterialSchema.nullable() })),
]);
