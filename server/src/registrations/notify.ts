import type { SessionRow } from '../sessions/schema.ts';
import type { RegistrationRow } from './schema.ts';
import type { Cancelled, Registered } from './service.ts';

/** What registrants must hear about: their confirmation (with link and .ics), a cancellation, a promotion. */
export interface RegistrationNotifications {
  registered(session: SessionRow, registered: Registered): Promise<void>;
  cancelled(session: SessionRow, cancelled: Cancelled): Promise<void>;
  /** People moved from the waitlist to a seat because the session gained seats. */
  promoted(session: SessionRow, promoted: RegistrationRow[]): Promise<void>;
}
