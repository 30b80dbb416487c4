import { z } from 'zod';
import { EMAIL_MAX_LENGTH } from './text-limits.ts';
import { timeZoneSchema } from './time-schemas.ts';

export const COMMUNITY_SLUG_MAX_LENGTH = 64;
export const COMMUNITY_NAME_MIN_LENGTH = 2;
export const COMMUNITY_NAME_MAX_LENGTH = 120;
export const COMMUNITY_DESCRIPTION_MAX_LENGTH = 5000;

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const communitySlugSchema = z
  .string()
  .min(1)
  .max(COMMUNITY_SLUG_MAX_LENGTH)
  .regex(SLUG_PATTERN, 'validation.slug')
  .meta({ example: 'komunitas-bisnis-bali' });

export const COMMUNITY_ROLES = ['owner', 'organizer'] as const;
export const communityRoleSchema = z.enum(COMMUNITY_ROLES);
export type CommunityRole = z.infer<typeof communityRoleSchema>;

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

/** A community as its organizers see it: with the caller's role. */
export const myCommunitySchema = communitySchema.extend({ role: communityRoleSchema }).meta({ id: 'MyCommunity' });
export type MyCommunity = z.infer<typeof myCommunitySchema>;

const nameSchema = z.string().trim().min(COMMUNITY_NAME_MIN_LENGTH).max(COMMUNITY_NAME_MAX_LENGTH);
const descriptionSchema = z.string().trim().max(COMMUNITY_DESCRIPTION_MAX_LENGTH);
const logoUrlSchema = z
  .url({ protocol: /^https?$/, error: 'validation.imageUrl' })
  .max(2000)
  .nullable();

export const createCommunityRequestSchema = z
  .object({
    name: nameSchema,
    slug: communitySlugSchema,
    description: descriptionSchema.default(''),
    logoUrl: logoUrlSchema.optional(),
    timeZone: timeZoneSchema.default('Asia/Jakarta'),
  })
  .strict()
  .meta({ id: 'CreateCommunityRequest' });
export type CreateCommunityRequest = z.input<typeof createCommunityRequestSchema>;

export const updateCommunityRequestSchema = z
  .object({
    name: nameSchema,
    description: descriptionSchema,
    logoUrl: logoUrlSchema,
    timeZone: timeZoneSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateCommunityRequest' });
export type UpdateCommunityRequest = z.infer<typeof updateCommunityRequestSchema>;

export const communityMemberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: communityRoleSchema,
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'CommunityMember' });
export type CommunityMember = z.infer<typeof communityMemberSchema>;

export const inviteOrganizerRequestSchema = z
  .object({
    email: z.email('validation.email').max(EMAIL_MAX_LENGTH),
    role: communityRoleSchema.default('organizer'),
  })
  .strict()
  .meta({ id: 'InviteOrganizerRequest' });

export const organizerInvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: communityRoleSchema,
    status: z.enum(['pending', 'accepted', 'revoked']),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OrganizerInvitation' });
export type OrganizerInvitation = z.infer<typeof organizerInvitationSchema>;

/** What a co-organizer invitation link invites to, shown before it is accepted. */
export const organizerInvitationDetailsSchema = z
  .object({
    email: z.string(),
    role: communityRoleSchema,
    status: z.enum(['pending', 'accepted', 'revoked']),
    community: z.object({ slug: z.string(), name: z.string() }),
    invitedBy: z.string().nullable(),
    expired: z.boolean(),
  })
  .meta({ id: 'OrganizerInvitationDetails' });
export type OrganizerInvitationDetails = z.infer<typeof organizerInvitationDetailsSchema>;
