import { z } from 'zod';

/**
 * The envelope of every realtime event, `{ v, type, at, data }`
 * (docs/architecture.md#versioned-room-events). `v` is the session's sequence, shared by all
 * topics, so a client sees any gap.
 */
export const eventEnvelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ v: z.number().int(), type: z.literal(type), at: z.iso.datetime(), data });

export const instantSchema = z.iso.datetime();

/** Who wrote something, as everyone may see it. */
export const authorSchema = z.object({ identity: z.string(), name: z.string() }).meta({ id: 'Author' });
export type Author = z.infer<typeof authorSchema>;
