import type { SessionInvitationDetails } from '@serambi/shared';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { StartTime } from '../time/SessionTimes.tsx';

/** What a speaker's or moderator's link invites to: role, session or series, time and community. */
export function SessionInvitationSummary(props: { invitation: SessionInvitationDetails }) {
  const { t } = useI18n();
  const role = () => t(props.invitation.role === 'speaker' ? 'invitations.roleSpeaker' : 'invitations.roleModerator');
  return (
    <div class="card invitation-summary">
      <p class="eyebrow">{t('invitations.invitedAs', { role: role() })}</p>
      <Show
        when={props.invitation.scope === 'series' ? props.invitation.series : null}
        fallback={<p class="invitation-summary__label">{t('invitations.forSession')}</p>}
      >
        {(series) => <p class="invitation-summary__label">{t('invitations.forSeries', { title: series().title })}</p>}
      </Show>
      <h2 class="invitation-summary__title">{props.invitation.session.title}</h2>
      <p>
        <StartTime startsAt={props.invitation.session.startsAt} timeZone={props.invitation.session.timeZone} />
      </p>
      <p>{t('invitations.community', { community: props.invitation.community.name })}</p>
      <p class="field__hint">
        {t('invitations.forEmail', { email: `${props.invitation.name} <${props.invitation.email}>` })}
      </p>
    </div>
  );
}
