import type { OrganizerInvitationDetails } from '@serambi/shared';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** What a co-organizer link invites to: the community, the role, who invited and for which address. */
export function OrganizerInvitationSummary(props: { invitation: OrganizerInvitationDetails }) {
  const { t } = useI18n();
  const role = () => t(props.invitation.role === 'owner' ? 'invitations.roleOwner' : 'invitations.roleOrganizer');
  return (
    <div class="card invitation-summary">
      <p class="eyebrow">{t('invitations.invitedAs', { role: role() })}</p>
      <h2 class="invitation-summary__title">{props.invitation.community.name}</h2>
      <Show when={props.invitation.invitedBy}>{(name) => <p>{t('invitations.invitedBy', { name: name() })}</p>}</Show>
      <p class="field__hint">{t('invitations.forEmail', { email: props.invitation.email })}</p>
    </div>
  );
}
