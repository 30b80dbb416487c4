import type { Locale } from '@serambi/shared';
import type { Database } from '../db/client.ts';
import type { SessionPersonRow, SessionRow } from './schema.ts';
import type { SessionChange } from './service.ts';

/**
 * What the people of a session must hear about, as the sessions capability sees it; the mail
 * and job wiring behind it lives in notifications, so sessions need not know about SMTP.
 */
export interface SessionNotifications {
  /**
   * The same notifications writing through `db`, the caller's transaction: what they queue is
   * stored with the change they are about, or not at all.
   */
  using(db: Database): SessionNotifications;
  /** A new session: plan its reminders. */
  created(session: SessionRow): Promise<void>;
  /** A new time or a cancellation: tell everyone registered, move the reminders. */
  changed(change: SessionChange): Promise<void>;
  /**
   * A speaker or moderator was added: mail them their personal link, in the inviting organizer's
   * language. For a series' default people, `session` is its first session and `series` names
   * what they are invited to (no single session's calendar file then).
   */
  personInvited(
    session: SessionRow,
    person: Pick<SessionPersonRow, 'role' | 'name' | 'email'>,
    inviteSecret: string,
    locale: Locale,
    series?: { title: string },
  ): Promise<void>;
}

/**
 * A session gained seats (its capacity was raised or removed): registrations fill them from the
 * waitlist and tell who moved up. Composed in compose.ts, since sessions know no registrations.
 */
export type SeatsGained = (session: SessionRow) => Promise<void>;
