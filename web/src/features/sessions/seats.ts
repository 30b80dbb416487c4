import type { Session } from '@serambi/shared';
import { sessionStatusGroups } from '@serambi/shared';

/** Seats still free, or null when the session has no limit. */
export function seatsLeft(session: Pick<Session, 'capacity' | 'registeredCount'>): number | null {
  return session.capacity === null ? null : Math.max(0, session.capacity - session.registeredCount);
}

export function isOpenForRegistration(session: Pick<Session, 'status'>): boolean {
  return (sessionStatusGroups.openForRegistration as readonly string[]).includes(session.status);
}

/** Over: ended, cancelled, or past its end even if nobody closed it. */
export function isPast(session: Pick<Session, 'status' | 'endsAt'>, now: Date): boolean {
  return session.status === 'ended' || session.status === 'cancelled' || new Date(session.endsAt) < now;
}
