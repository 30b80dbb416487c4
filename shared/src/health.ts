import { z } from 'zod';

export const partStatusSchema = z.enum(['ok', 'down']);

export const healthSchema = z
  .object({
    status: partStatusSchema,
    db: partStatusSchema,
    livekit: partStatusSchema,
  })
  .meta({ id: 'Health' });

export type Health = z.infer<typeof healthSchema>;
export type PartStatus = z.infer<typeof partStatusSchema>;
