import type { Locale, OrganizerInvitation } from '@serambi/shared';
import type { SessionUser } from '../http/env.ts';
import type { CommunityRow } from './schema.ts';

export interface CommunityNotifications {
  /** Mails the invited address its personal link. */
  organizerInvited(
    community: CommunityRow,
    invitation: OrganizerInvitation,
    invitedBy: SessionUser,
    secret: string,
    locale: Locale,
  ): Promise<void>;
}
