import { translate } from '@serambi/shared/i18n';
import type { Database } from '../db/client.ts';
import { queueMail } from '../notifications/mail-job.ts';
import { renderMail } from '../notifications/render.ts';
import type { CommunityNotifications } from './notify.ts';

export function createCommunityNotifications(deps: {
  db: Database;
  publicUrl: string;
  now: () => Date;
}): CommunityNotifications {
  return {
    async organizerInvited(community, invitation, invitedBy, secret, l) {
      const role = translate(
        l,
        invitation.role === 'owner' ? 'mail.organizerInvite.owner' : 'mail.organizerInvite.organizer',
      );
      const params = { community: community.name, inviter: invitedBy.name, role };
      await queueMail(
        deps.db,
        {
          to: invitation.email,
          subject: translate(l, 'mail.organizerInvite.subject', params),
          ...renderMail(l, {
            heading: translate(l, 'mail.organizerInvite.heading', params),
            paragraphs: [translate(l, 'mail.organizerInvite.body', params)],
            action: {
              label: translate(l, 'mail.organizerInvite.action'),
              url: `${deps.publicUrl}/invitations/${secret}`,
            },
            footer: translate(l, 'mail.footerCommunity', { community: community.name }),
          }),
        },
        { runAt: deps.now() },
      );
    },
  };
}
