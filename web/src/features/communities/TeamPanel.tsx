import { type CommunityRole, inviteOrganizerRequestSchema } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { Field, focusFirstInvalid } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { membersQuery, useInviteOrganizer } from './communities-api.ts';
import { RemoveMember, RevokeInvitation } from './TeamActions.tsx';
import './communities.css';

/** Who runs the community, who is invited, a way to invite one more, revoke an invitation or (owners) remove someone. */
export function TeamPanel(props: { slug: string; myRole: CommunityRole | undefined }) {
  const { t } = useI18n();
  const api = useApi();
  const team = useQuery(() => membersQuery(api, props.slug));
  const pending = () => (team.data?.invitations ?? []).filter((invitation) => invitation.status === 'pending');
  const headingId = createUniqueId();
  return (
    <section class="card team-panel" aria-labelledby={headingId}>
      <h2 id={headingId} class="card__heading">
        {t('team.heading')}
      </h2>
      <ul class="team-list">
        <For each={team.data?.members ?? []}>
          {(member) => (
            <li class="team-list__item">
              <span class="team-list__name">{member.name}</span>
              <span class="team-list__email">{member.email}</span>
              <span class="badge">{t(`team.roles.${member.role}`)}</span>
              <Show when={props.myRole === 'owner'}>
                <RemoveMember slug={props.slug} member={member} />
              </Show>
            </li>
          )}
        </For>
        <For each={pending()}>
          {(invitation) => (
            <li class="team-list__item team-list__item--pending">
              <span class="team-list__name">{invitation.email}</span>
              <span class="team-list__email">{t('team.invited')}</span>
              <span class="badge">{t(`team.roles.${invitation.role}`)}</span>
              <RevokeInvitation slug={props.slug} invitation={invitation} />
            </li>
          )}
        </For>
      </ul>
      <InviteForm slug={props.slug} canInviteOwners={props.myRole === 'owner'} />
    </section>
  );
}

function InviteForm(props: { slug: string; canInviteOwners: boolean }) {
  const { t } = useI18n();
  const invite = useInviteOrganizer(() => props.slug);
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<CommunityRole>('organizer');
  const [sentTo, setSentTo] = createSignal<string>();
  const checks = createFieldErrors();
  const errorOf = (field: string) => checks.errors()[field] ?? problemFieldErrors(invite.error)[field];
  let form: HTMLFormElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (invite.isPending) return;
    const request = { email: email().trim(), role: role() };
    const checked = validateWith(inviteOrganizerRequestSchema, request, t);
    checks.set(checked.ok ? {} : checked.errors);
    if (!checked.ok) return focusFirstInvalid(form);
    invite.mutate(request, {
      onSuccess: () => {
        setSentTo(request.email);
        setEmail('');
      },
    });
  };

  return (
    <form ref={form} class="form-stack invite-form" onSubmit={submit} novalidate>
      <h3 class="invite-form__heading">{t('team.inviteHeading')}</h3>
      <FormProblem error={invite.error} />
      <Field label={t('team.email')} error={errorOf('email')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            type="email"
            inputmode="email"
            autocomplete="off"
            value={email()}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
              checks.clear('email');
              setSentTo(undefined);
            }}
          />
        )}
      </Field>
      <Field label={t('team.role')} hint={t('team.roleHint')} error={errorOf('role')}>
        {(control) => (
          <select {...control} class="field__control" onChange={(e) => setRole(e.currentTarget.value as CommunityRole)}>
            <option value="organizer" selected={role() === 'organizer'}>
              {t('team.roles.organizer')}
            </option>
            <Show when={props.canInviteOwners}>
              <option value="owner" selected={role() === 'owner'}>
                {t('team.roles.owner')}
              </option>
            </Show>
          </select>
        )}
      </Field>
      <button type="submit" class="button" aria-disabled={invite.isPending}>
        {t('team.invite')}
      </button>
      <p role="status" class="form-actions__status">
        <Show when={sentTo()}>{(to) => <>{t('team.invitationSent', { email: to() })}</>}</Show>
      </p>
    </form>
  );
}
