import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

export const roomRole = pgEnum('room_role', ['participant', 'speaker', 'moderator']);
export const stageState = pgEnum('stage_state', ['none', 'invited', 'on_stage']);
export const admission = pgEnum('admission', ['admitted', 'pending', 'denied']);
export const qaMode = pgEnum('qa_mode', ['open', 'reviewed']);
export const anonymousQuestions = pgEnum('anonymous_questions', ['off', 'hidden', 'moderators']);

/**
 * The live room of a session: its settings and the sequence number of its realtime events.
 * Created on first use; `version` is bumped in the same transaction as every change it announces.
 */
export const sessionRooms = pgTable('session_rooms', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  /** Null: the default, a quarter of an hour before the start. */
  doorsOpenAt: timestamp('doors_open_at', { withTimezone: true }),
  locked: boolean('locked').notNull().default(false),
  stageGuestLimit: integer('stage_guest_limit').notNull().default(3),
  liveAt: timestamp('live_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  qaMode: qaMode('qa_mode').notNull().default('open'),
  anonymousQuestions: anonymousQuestions('anonymous_questions').notNull().default('hidden'),
  /** The question pinned as "now answering" (a question of this session, open). */
  answeringQuestionId: text('answering_question_id'),
  chatClosed: boolean('chat_closed').notNull().default(false),
  chatSlowModeSeconds: integer('chat_slow_mode_seconds').notNull().default(0),
  /** Every reaction sent, by kind: what the session's reactions add up to. */
  reactionTotals: jsonb('reaction_totals').$type<Record<string, number>>().notNull().default({}),
});

/**
 * Everyone who entered (or asked to enter) a session's room, by LiveKit identity: role, stage,
 * hand, presence (from LiveKit's webhooks) and bans. The moderator's participant list.
 */
export const roomParticipants = pgTable(
  'room_participants',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    identity: text('identity').notNull(),
    name: text('name').notNull(),
    /** Lower-cased; a ban holds for the person whichever way they come in. */
    email: text('email').notNull(),
    role: roomRole('role').notNull(),
    title: text('title').notNull().default(''),
    registrationId: text('registration_id'),
    userId: text('user_id'),
    admission: admission('admission').notNull().default('admitted'),
    stage: stageState('stage').notNull().default('none'),
    stageSince: timestamp('stage_since', { withTimezone: true }),
    handRaisedAt: timestamp('hand_raised_at', { withTimezone: true }),
    /** Connected to the stage room, as LiveKit's webhooks last said. */
    connected: boolean('connected').notNull().default(false),
    /** LiveKit's id of the connection `connected` is about: a late "left" of an earlier connection changes nothing. */
    connectionSid: text('connection_sid'),
    firstJoinedAt: timestamp('first_joined_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    bannedAt: timestamp('banned_at', { withTimezone: true }),
    /**
     * A moderator removed them (or banned them) at this time: every ticket and LiveKit token they
     * hold from before stops working, and they come back only by entering again, which clears it.
     */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('room_participants_identity_idx').on(t.sessionId, t.identity),
    index('room_participants_email_idx').on(t.sessionId, t.email),
  ],
);

/** Every moderator action: who did what to whom, when. */
export const roomAudit = pgTable(
  'room_audit',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    actorIdentity: text('actor_identity').notNull(),
    actorName: text('actor_name').notNull(),
    targetIdentity: text('target_identity'),
    targetName: text('target_name'),
    detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [index('room_audit_session_at_idx').on(t.sessionId, t.at)],
);

export type SessionRoomRow = typeof sessionRooms.$inferSelect;
export type RoomParticipantRow = typeof roomParticipants.$inferSelect;
