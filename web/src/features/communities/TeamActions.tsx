import type { CommunityMember, OrganizerInvitation } from '@serambi/shared';
import { createSignal, type JSX } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useRemoveMember, useRevokeInvitation } from './communities-api.ts';

/** Withdraws a pending invitation after a confirmation; its link stops working. */
export function RevokeInvitation(props: { slug: string; invitation: OrganizerInvitation }) {
  const { t } = useI18n();
  const revoke = useRevokeInvitation(() => props.slug);
  return (
    <ConfirmedAction
      label={t('team.revoke')}
      ariaLabel={t('team.revokeLabel', { email: props.invitation.email })}
      title={t('team.revokeTitle')}
      confirmLabel={t('team.revokeConfirm')}
      mutation={revoke}
      onConfirm={(done) => revoke.mutate(props.invitation.id, { onSuccess: done })}
    >
      <p>{t('team.revokeBody', { email: props.invitation.email })}</p>
    </ConfirmedAction>
  );
}

/** Removes an organizer or owner (owners only); the server refuses to remove the last owner. */
export function RemoveMember(props: { slug: string; member: CommunityMember }) {
  const { t } = useI18n();
  const remove = useRemoveMember(() => props.slug);
  return (
    <ConfirmedAction
      label={t('team.remove')}
      ariaLabel={t('team.removeLabel', { name: props.member.name })}
      title={t('team.removeTitle')}
      confirmLabel={t('team.removeConfirm')}
      mutation={remove}
      onConfirm={(done) => remove.mutate(props.member.userId, { onSuccess: done })}
    >
      <p>{t('team.removeBody', { name: props.member.name })}</p>
    </ConfirmedAction>
  );
}

/** A small danger button that asks first; a refusal (e.g. the last owner) shows in the dialog. */
function ConfirmedAction(props: {
  label: string;
  ariaLabel: string;
  title: string;
  confirmLabel: string;
  mutation: { isPending: boolean; error: unknown; reset: () => void };
  onConfirm: (done: () => void) => void;
  children: JSX.Element;
}) {
  const [asking, setAsking] = createSignal(false);
  return (
    <span class="team-list__actions">
      <button
        type="button"
        class="button button--small button--danger-quiet"
        aria-label={props.ariaLabel}
        onClick={() => {
          props.mutation.reset();
          setAsking(true);
        }}
      >
        {props.label}
      </button>
      <ConfirmDialog
        open={asking()}
        title={props.title}
        confirmLabel={props.confirmLabel}
        danger
        pending={props.mutation.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => props.onConfirm(() => setAsking(false))}
      >
        {props.children}
        <FormProblem error={props.mutation.error} />
      </ConfirmDialog>
    </span>
  );
}
