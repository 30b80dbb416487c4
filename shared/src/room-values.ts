/**
 * Room roles, stage states, admissions, the sources a moderator mutes and the stage limits: values without zod, so a page that reads them does not download the schemas
 * (room.ts holds those and re-exports these).
 */

/** Roles inside the room. Community organizers act as moderators. */
export const ROOM_ROLES = ['participant', 'speaker', 'moderator'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];
export const isHost = (role: RoomRole) => role === 'moderator';
export const isTeamRole = (role: RoomRole) => role !== 'participant';

/** Where a participant is with respect to the stage (speakers and moderators are on it by role). */
export const STAGE_STATES = ['none', 'invited', 'on_stage'] as const;
export type StageState = (typeof STAGE_STATES)[number];

/** Private sessions: people without an invitation ask to join and wait to be admitted. */
export const ADMISSIONS = ['admitted', 'pending', 'denied'] as const;
export type Admission = (typeof ADMISSIONS)[number];

/** The sources a moderator can mute (a muted screen share is stopped by the sharer's client). */
export const MUTABLE_SOURCES = ['microphone', 'camera', 'screen_share'] as const;
export type MutableSource = (typeof MUTABLE_SOURCES)[number];

/** Stage guests at once, unless the moderator changes it. */
export const DEFAULT_STAGE_GUEST_LIMIT = 3;
export const MAX_STAGE_GUEST_LIMIT = 12;
/** Doors open this long before the start unless the moderator sets another time. */
export const DEFAULT_DOORS_OPEN_MINUTES = 15;
