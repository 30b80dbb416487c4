/**
 * Registration states and the longest answer: values without zod, so a page that reads them does not download the schemas
 * (registrations.ts holds those and re-exports these).
 */

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The longest answer to one registration (or feedback) question. */
export const REGISTRATION_ANSWER_MAX_LENGTH = 2000;
