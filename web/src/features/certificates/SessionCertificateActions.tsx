import { EMAIL_MAX_LENGTH, issueCertificateRequestSchema, PERSON_NAME_MAX_LENGTH } from '@serambi/shared';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { CheckboxField, Field } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { createFieldErrors, problemFieldErrors } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';
import { useIssueByRule, useIssueCertificate } from './certificates-api.ts';

/**
 * Above a session's certificates: issue one by hand (someone who followed on a shared screen),
 * and, once the session has ended, apply the rule now (after certificates were turned on late).
 */
export function SessionCertificateActions(props: {
  sessionRef: string;
  /** Certificates are for a session that took place: by hand once it went live, by the rule once it ended. */
  held: boolean;
  ended: boolean;
  enabled: boolean;
  /** The rule's job was queued: the list should look again for a while. */
  onQueued: () => void;
}) {
  const { t } = useI18n();
  const [dialog, setDialog] = createSignal<'issue' | 'run' | null>(null);
  const run = useIssueByRule(() => props.sessionRef);
  return (
    <div class="certificates-list__tools">
      <Show when={props.held}>
        <button
          type="button"
          class="button button--small"
          data-testid="issue-certificate"
          onClick={() => setDialog('issue')}
        >
          {t('certificates.panel.issue')}
        </button>
      </Show>
      <Show when={props.ended && props.enabled}>
        <button type="button" class="button button--small" data-testid="issue-by-rule" onClick={() => setDialog('run')}>
          {t('certificates.panel.run')}
        </button>
      </Show>
      <p role="status" class="certificates-list__queued">
        <Show when={run.isSuccess}>{t('certificates.panel.runQueued')}</Show>
      </p>
      <IssueDialog open={dialog() === 'issue'} sessionRef={props.sessionRef} onClose={() => setDialog(null)} />
      <ConfirmDialog
        open={dialog() === 'run'}
        title={t('certificates.panel.runTitle')}
        confirmLabel={t('certificates.panel.runConfirm')}
        pending={run.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          run.mutate(undefined, {
            onSuccess: () => {
              props.onQueued();
              setDialog(null);
            },
          })
        }
      >
        <p>{t('certificates.panel.runBody')}</p>
        <FormProblem error={run.error} />
      </ConfirmDialog>
    </div>
  );
}

function IssueDialog(props: { open: boolean; sessionRef: string; onClose: () => void }) {
  const { t } = useI18n();
  const issue = useIssueCertificate(() => props.sessionRef);
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [notify, setNotify] = createSignal(true);
  const fieldErrors = createFieldErrors();
  const errors = () => ({ ...problemFieldErrors(issue.error), ...fieldErrors.errors() });
  const close = () => {
    issue.reset();
    fieldErrors.set({});
    props.onClose();
  };
  const confirm = () => {
    const checked = validateWith(issueCertificateRequestSchema, { name: name(), email: email(), notify: notify() }, t);
    if (!checked.ok) return fieldErrors.set(checked.errors);
    fieldErrors.set({});
    issue.mutate(checked.data, {
      onSuccess: () => {
        setName('');
        setEmail('');
        close();
      },
    });
  };
  return (
    <ConfirmDialog
      open={props.open}
      title={t('certificates.panel.issueTitle')}
      confirmLabel={t('certificates.panel.issueConfirm')}
      pending={issue.isPending}
      onClose={close}
      onConfirm={confirm}
    >
      <div class="form-stack">
        <p>{t('certificates.panel.issueBody')}</p>
        <Field label={t('certificates.panel.issueName')} error={errors().name}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              value={name()}
              maxLength={PERSON_NAME_MAX_LENGTH}
              autocomplete="off"
              data-testid="issue-name"
              onInput={(event) => {
                fieldErrors.clear('name');
                setName(event.currentTarget.value);
              }}
            />
          )}
        </Field>
        <Field label={t('certificates.panel.issueEmail')} error={errors().email}>
          {(control) => (
            <input
              {...control}
              type="email"
              class="field__control"
              value={email()}
              maxLength={EMAIL_MAX_LENGTH}
              autocomplete="off"
              data-testid="issue-email"
              onInput={(event) => {
                fieldErrors.clear('email');
                setEmail(event.currentTarget.value);
              }}
            />
          )}
        </Field>
        <CheckboxField label={t('certificates.panel.notify')} checked={notify()} onChange={setNotify} />
        <FormProblem error={Object.keys(problemFieldErrors(issue.error)).length > 0 ? null : issue.error} />
      </div>
    </ConfirmDialog>
  );
}
