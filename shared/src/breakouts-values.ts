/**
 * Breakout tables' limits and states: values without zod, so a page that reads them does not
 * download the schemas (breakouts.ts holds those and re-exports these).
 */

/** Tables a moderator may open at once. */
export const MIN_BREAKOUT_TABLES = 2;
export const MAX_BREAKOUT_TABLES = 50;
/** Participants per table (the team may visit on top of it): a table is a small LiveKit room. */
export const MIN_BREAKOUT_TABLE_SIZE = 2;
export const MAX_BREAKOUT_TABLE_SIZE = 12;
/** Places a table's LiveKit room keeps on top of its size limit for the team visiting it. */
export const BREAKOUT_TEAM_PLACES = 4;
/** How long tables may be open, and by how much one extension may lengthen them. */
export const MIN_BREAKOUT_MINUTES = 1;
export const MAX_BREAKOUT_MINUTES = 120;
export const MAX_BREAKOUT_EXTEND_MINUTES = 60;
/** The warning goes out this long before the end. */
export const BREAKOUT_WARNING_SECONDS = 60;
/** Table rooms are closed this long after the end, so a slow client still hears the end there. */
export const BREAKOUT_ROOM_GRACE_SECONDS = 30;
export const BREAKOUT_TABLE_NAME_MAX_LENGTH = 60;
export const BREAKOUT_TABLE_TOPIC_MAX_LENGTH = 200;
export const BREAKOUT_MESSAGE_MAX_LENGTH = 280;
export const BREAKOUT_HELP_NOTE_MAX_LENGTH = 200;

/**
 * How people get to tables: spread at random (evenly, by the server), placed by a moderator,
 * or each participant chooses one (within the size limit).
 */
export const BREAKOUT_ASSIGNMENTS = ['random', 'manual', 'choose'] as const;
export type BreakoutAssignment = (typeof BREAKOUT_ASSIGNMENTS)[number];

/** What the main room's stage does while tables are open: keeps running for whoever stays, or pauses. */
export const BREAKOUT_MAIN_STAGE = ['running', 'paused'] as const;
export type BreakoutMainStage = (typeof BREAKOUT_MAIN_STAGE)[number];

/** Tables are open until the timer or a moderator ends them; then everyone goes back. */
export const BREAKOUT_STATUSES = ['open', 'ended'] as const;
export type BreakoutStatus = (typeof BREAKOUT_STATUSES)[number];

/** Why tables ended. */
export const BREAKOUT_END_REASONS = ['timer', 'moderator', 'session_ended'] as const;
export type BreakoutEndReason = (typeof BREAKOUT_END_REASONS)[number];
