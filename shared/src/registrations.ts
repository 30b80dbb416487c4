import { z } from 'zod';
import { LOCALES } from './locale.ts';
import { REGISTRATION_ANSWER_MAX_LENGTH, REGISTRATION_STATUSES } from './registrations-values.ts';
import { SESSION_STATUSES } from './sessions.ts';
import { EMAIL_MAX_LENGTH, PERSON_NAME_MAX_LENGTH, PERSON_NAME_MIN_LENGTH } from './text-limits.ts';

export * from './registrations-values.ts';

/** Answers by question id: text for short text and choice, a boolean for a checkbox. */
export const registrationAnswersSchema = z.record(
  z.string().max(40),
  z.union([z.string().max(REGISTRATION_ANSWER_MAX_LENGTH), z.boolean()]),
);

export const registerRequestSchema = z
  .object({
    name: z.string().trim().min(PERSON_NAME_MIN_LENGTH).max(PERSON_NAME_MAX_LENGTH),
    email: z.email('validation.email').max(EMAIL_MAX_LENGTH),
    answers: registrationAnswersSchema.default({}),
    /** The language of the mails this person gets. */
    locale: z.enum(LOCALES).default('id'),
  })
  .strict()
  .meta({ id: 'RegisterRequest' });
export type RegisterRequest = z.input<typeof registerRequestSchema>;

/** An organizer registering someone by name and email: how private sessions fill ("by invitation"). */
export const inviteRegistrantRequestSchema = z
  .object({
    name: z.string().trim().min(PERSON_NAME_MIN_LENGTH).max(PERSON_NAME_MAX_LENGTH),
    email: z.email('validation.email').max(EMAIL_MAX_LENGTH),
    locale: z.enum(LOCALES).default('id'),
  })
  .strict()
  .meta({ id: 'InviteRegistrantRequest' });
export type InviteRegistrantRequest = z.input<typeof inviteRegistrantRequestSchema>;

export const registrationResultSchema = z
  .object({
    status: z.enum(['registered', 'waitlisted']),
    /** 1 for the first person waiting; null when registered. */
    waitlistPosition: z.number().int().nullable(),
    /** True when this email was already registered: nothing changed, the confirmation was sent again. */
    alreadyRegistered: z.boolean(),
  })
  .meta({ id: 'RegistrationResult' });
export type RegistrationResult = z.infer<typeof registrationResultSchema>;

export const registrantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    answers: registrationAnswersSchema,
    registeredAt: z.iso.datetime(),
    waitlistPosition: z.number().int().nullable(),
  })
  .meta({ id: 'Registrant' });
export type Registrant = z.infer<typeof registrantSchema>;

/** What the holder of a personal join link sees about their registration. */
export const myRegistrationSchema = z
  .object({
    name: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    waitlistPosition: z.number().int().nullable(),
    session: z.object({
      slug: z.string(),
      title: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      durationMinutes: z.number().int(),
      timeZone: z.string(),
      status: z.enum(SESSION_STATUSES),
      community: z.object({ slug: z.string(), name: z.string() }),
    }),
  })
  .meta({ id: 'MyRegistration' });
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

export const joinSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'validation.linkIncomplete');
