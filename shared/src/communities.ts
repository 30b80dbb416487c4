import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const communitySlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and dashes, e.g. "komunitas-bisnis-bali".')
  .meta({ example: 'komunitas-bisnis-bali' });

export const communitySchema = z
  .object({
    id: z.string(),
    slug: communitySlugSchema,
    name: z.string(),
    description: z.string(),
    logoUrl: z.string().nullable(),
    timeZone: z.string().meta({ example: 'Asia/Makassar' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Community' });

export type Community = z.infer<typeof communitySchema>;
