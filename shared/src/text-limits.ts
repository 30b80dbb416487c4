/**
 * How long the texts about a person may be, wherever a schema takes them (registrants,
 * certificate holders and signatories, speakers and moderators, invitations) and wherever a
 * form lets someone type them. A capability's own limits live beside its schemas
 * (`QUESTION_MAX_LENGTH` in qa.ts, `SESSION_TITLE_MAX_LENGTH` in sessions.ts).
 */

/** A person's name as shown on pages and certificates. */
export const PERSON_NAME_MIN_LENGTH = 2;
export const PERSON_NAME_MAX_LENGTH = 120;

/** The longest address RFC 5321 allows (64 before the @, 255 after). */
export const EMAIL_MAX_LENGTH = 320;
