import type { Database } from '../db/client.ts';
import type { SessionPersonRow } from './schema.ts';

/** How many registrations of a session have one status ('registered', 'waitlisted', …). */
export interface SeatCount {
  sessionId: string;
  status: string;
  n: number;
}

/** A series' default speaker or moderator, as far as their personal link needs them. */
export type SeriesPersonLink = Pick<SessionPersonRow, 'role' | 'name' | 'email' | 'userId' | 'acceptedAt'> & {
  id: string;
  seriesId: string;
};

/**
 * What a session shows of the capabilities built on it, which `sessions/` may not import
 * (docs/capabilities.md#rules): its seat counts are registrations', its series' title and
 * default people are series'. Given where the app is composed (`schedulingParts` in
 * `compose.ts`, `AppContext.sessionParts`); each is one query, as when sessions read the
 * tables themselves.
 */
export interface SessionParts {
  /** Registrations of these sessions counted by status. */
  seatCounts(db: Database, sessionIds: string[]): Promise<SeatCount[]>;
  /** The titles of these series. */
  seriesTitles(db: Database, seriesIds: string[]): Promise<{ id: string; title: string }[]>;
  /** The series' default person whose personal link has this hash, if any. */
  seriesPersonByInvite(db: Database, inviteTokenHash: string): Promise<SeriesPersonLink | undefined>;
  /** Binds a series' default person to the account that took up their link. */
  acceptSeriesPerson(db: Database, seriesPersonId: string, userId: string, acceptedAt: Date): Promise<void>;
}
