import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';
import { sessions } from '../sessions/schema.ts';

/**
 * One LiveKit connection to a session's stage room: from its `participant_joined` to its
 * `participant_left` (or the room finishing). Keyed by LiveKit's connection id, so a delivery
 * seen twice, or a "left" that arrives before its "joined", still makes exactly one interval.
 * A person's minutes are the union of their intervals (attendance/report.ts).
 */
export const attendanceIntervals = pgTable(
  'attendance_intervals',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** The LiveKit identity (`r_<registration>`, `u_<user>`); room_participants says who it is. */
    identity: text('identity').notNull(),
    /** LiveKit's participant sid: one per connection. */
    connectionSid: text('connection_sid').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    /** Null while connected; set by the "left" webhook or, when that never came, by the room finishing. */
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('attendance_intervals_connection_idx').on(t.sessionId, t.connectionSid),
    index('attendance_intervals_identity_idx').on(t.sessionId, t.identity),
  ],
);

export type AttendanceIntervalRow = typeof attendanceIntervals.$inferSelect;
