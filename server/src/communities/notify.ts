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

/**
 * Someone lost a team role: an organizer left the community, a speaker or moderator was taken
 * off a session. The room ends the connection they have now (`disconnectFormerTeamMember`, given
 * where the app is composed): the scheduling layer knows no room.
 */
export type TeamMemberRemoved = (
  userId: string,
  where: { sessionId: string } | { communityId: string },
) => Promise<void>;
