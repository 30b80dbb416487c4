import { z } from 'zod';
import {
  REGISTRATION_QUESTION_LABEL_MAX_LENGTH,
  SESSION_ROLES,
  SESSION_STATUSES,
  SESSION_TITLE_MAX_LENGTH,
  SESSION_TITLE_MIN_LENGTH,
  SESSION_VISIBILITIES,
} from './sessions-values.ts';
import { EMAIL_MAX_LENGTH, PERSON_NAME_MAX_LENGTH, PERSON_NAME_MIN_LENGTH } from './text-limits.ts';
import { plannedInstantSchema, sessionMinutesSchema, timeZoneSchema } from './time-schemas.ts';

export * from './sessions-values.ts';

const questionBase = {
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'validation.questionId')
    .meta({ example: 'company' }),
  label: z.string().trim().min(1).max(REGISTRATION_QUESTION_LABEL_MAX_LENGTH),
  required: z.boolean().default(false),
};

/** A question organizers add to the registration form. */
export const registrationQuestionSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...questionBase, kind: z.literal('short-text') }).strict(),
    z
      .object({
        ...questionBase,
        kind: z.literal('choice'),
        options: z.array(z.string().trim().min(1).max(100)).min(2).max(20),
      })
      .strict(),
    z.object({ ...questionBase, kind: z.literal('checkbox') }).strict(),
  ])
  .meta({ id: 'RegistrationQuestion' });
export type RegistrationQuestion = z.infer<typeof registrationQuestionSchema>;

const questionsSchema = z
  .array(registrationQuestionSchema)
  .max(20)
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'validation.questionIdsUnique');

const titleSchema = z.string().trim().min(SESSION_TITLE_MIN_LENGTH).max(SESSION_TITLE_MAX_LENGTH);
const descriptionSchema = z.string().max(20_000);
/** The years are checked here; whether the start is near enough to now, by the service with its clock. */
const startsAtSchema = plannedInstantSchema;
const durationSchema = sessionMinutesSchema;
const capacitySchema = z.number().int().min(1).max(100_000).nullable();

export const createSessionRequestSchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema.default(''),
    startsAt: startsAtSchema,
    durationMinutes: durationSchema.default(90),
    timeZone: timeZoneSchema,
    capacity: capacitySchema.default(null),
    visibility: z.enum(SESSION_VISIBILITIES).default('public'),
    questions: questionsSchema.default([]),
    /** Publish at once ("scheduled") or keep as a draft. */
    status: z.enum(['draft', 'scheduled']).default('scheduled'),
  })
  .strict()
  .meta({ id: 'CreateSessionRequest' });
export type CreateSessionRequest = z.input<typeof createSessionRequestSchema>;
export type CreateSessionInput = z.output<typeof createSessionRequestSchema>;

export const updateSessionRequestSchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema,
    startsAt: startsAtSchema,
    durationMinutes: durationSchema,
    timeZone: timeZoneSchema,
    capacity: capacitySchema,
    visibility: z.enum(SESSION_VISIBILITIES),
    questions: questionsSchema,
    status: z.enum(['draft', 'scheduled', 'cancelled']),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateSessionRequest' });
export type UpdateSessionRequest = z.infer<typeof updateSessionRequestSchema>;

export const sessionPersonSchema = z
  .object({
    id: z.string(),
    role: z.enum(SESSION_ROLES),
    name: z.string(),
    title: z.string(),
    bio: z.string(),
    photoUrl: z.string().nullable(),
  })
  .meta({ id: 'SessionPerson' });
export type SessionPerson = z.infer<typeof sessionPersonSchema>;

export const sessionSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    durationMinutes: z.number().int(),
    timeZone: z.string(),
    status: z.enum(SESSION_STATUSES),
    visibility: z.enum(SESSION_VISIBILITIES),
    capacity: z.number().int().nullable(),
    registeredCount: z.number().int(),
    waitlistedCount: z.number().int(),
    questions: z.array(registrationQuestionSchema),
    community: z.object({ slug: z.string(), name: z.string() }),
    series: z.object({ id: z.string(), title: z.string(), number: z.number().int() }).nullable(),
    people: z.array(sessionPersonSchema),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

export const sessionRefSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9-]+$/, 'validation.sessionRef');

const personNameSchema = z.string().trim().min(PERSON_NAME_MIN_LENGTH).max(PERSON_NAME_MAX_LENGTH);
const personTitleSchema = z.string().trim().max(160);
const personBioSchema = z.string().trim().max(2000);
const personPhotoUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable();

export const addSessionPersonRequestSchema = z
  .object({
    role: z.enum(SESSION_ROLES),
    name: personNameSchema,
    email: z.email().max(EMAIL_MAX_LENGTH),
    title: personTitleSchema.default(''),
    bio: personBioSchema.default(''),
    photoUrl: personPhotoUrlSchema.default(null),
  })
  .strict()
  .meta({ id: 'AddSessionPersonRequest' });
export type AddSessionPersonRequest = z.input<typeof addSessionPersonRequestSchema>;
export type AddSessionPersonInput = z.output<typeof addSessionPersonRequestSchema>;

/** What a speaker's or moderator's personal link invites to, shown before they accept. */
export const sessionInvitationDetailsSchema = z
  .object({
    role: z.enum(SESSION_ROLES),
    name: z.string(),
    email: z.string(),
    accepted: z.boolean(),
    scope: z.enum(['session', 'series']),
    session: z.object({ slug: z.string(), title: z.string(), startsAt: z.iso.datetime(), timeZone: z.string() }),
    series: z.object({ id: z.string(), title: z.string() }).nullable(),
    community: z.object({ slug: z.string(), name: z.string() }),
  })
  .meta({ id: 'SessionInvitationDetails' });
export type SessionInvitationDetails = z.infer<typeof sessionInvitationDetailsSchema>;

/** Only what is sent changes (no defaults here: a missing bio must not wipe the bio). */
export const updateSessionPersonRequestSchema = z
  .object({
    name: personNameSchema,
    title: personTitleSchema,
    bio: personBioSchema,
    photoUrl: personPhotoUrlSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateSessionPersonRequest' });
export type UpdateSessionPersonRequest = z.infer<typeof updateSessionPersonRequestSchema>;
