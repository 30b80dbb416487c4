/**
 * Session states and their groups, visibilities, roles and limits: values without zod, so a page that reads them does not download the schemas
 * (sessions.ts holds those and re-exports these).
 */

/** Session states and their groups (docs/conventions.md#states-and-their-groups). */
export const SESSION_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const sessionStatusGroups = {
  /** People may register. */
  openForRegistration: ['scheduled', 'live'],
  /** Shown on public pages (drafts only to organizers). */
  published: ['scheduled', 'live', 'ended', 'cancelled'],
  /** Times can still change and people be told. */
  upcoming: ['draft', 'scheduled'],
  /** Over: the room takes no more questions, votes, messages or polls. */
  over: ['ended', 'cancelled'],
} as const satisfies Record<string, readonly SessionStatus[]>;

export const SESSION_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export type SessionVisibility = (typeof SESSION_VISIBILITIES)[number];

export const SESSION_ROLES = ['speaker', 'moderator'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

/** The longest question organizers may put on a registration (or feedback) form. */
export const REGISTRATION_QUESTION_LABEL_MAX_LENGTH = 200;
export const SESSION_TITLE_MIN_LENGTH = 3;
export const SESSION_TITLE_MAX_LENGTH = 160;
