import {
  type Certificate,
  PERSON_NAME_MAX_LENGTH,
  REVOKE_REASON_MAX_LENGTH,
  reissueCertificateRequestSchema,
  revokeCertificateRequestSchema,
} from '@serambi/shared';
import { createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { CheckboxField, Field } from '../../ui/form/Field.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { validateWith } from '../../ui/form/validate-with.ts';
import { useReissueCertificate, useRevokeCertificate } from './certificates-api.ts';

/**
 * A valid certificate's two changes, each asked in a dialog: correct the name (a new number
 * is issued and mailed; the old one says "replaced") or revoke it with a reason.
 */
export function CertificateRowActions(props: { certificate: Certificate; onChanged: () => void }) {
  const { t } = useI18n();
  const [dialog, setDialog] = createSignal<'correct' | 'revoke' | null>(null);
  return (
    <>
      <button
        type="button"
        class="button button--small"
        aria-label={t('certificates.panel.correctLabel', { number: props.certificate.number })}
        onClick={() => setDialog('correct')}
      >
        {t('certificates.panel.correct')}
      </button>
      <button
        type="button"
        class="button button--small button--danger-quiet"
        aria-label={t('certificates.panel.revokeLabel', { number: props.certificate.number })}
        onClick={() => setDialog('revoke')}
      >
        {t('certificates.panel.revoke')}
      </button>
      <CorrectNameDialog
        open={dialog() === 'correct'}
        certificate={props.certificate}
        onClose={() => setDialog(null)}
        onDone={props.onChanged}
      />
      <RevokeDialog
        open={dialog() === 'revoke'}
        certificate={props.certificate}
        onClose={() => setDialog(null)}
        onDone={props.onChanged}
      />
    </>
  );
}

function CorrectNameDialog(props: {
  open: boolean;
  certificate: Certificate;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const reissue = useReissueCertificate();
  const [name, setName] = createSignal(props.certificate.name);
  const [notify, setNotify] = createSignal(true);
  const [error, setError] = createSignal<string | undefined>();
  const confirm = () => {
    const checked = validateWith(reissueCertificateRequestSchema, { name: name(), notify: notify() }, t);
    if (!checked.ok) return setError(checked.errors.name);
    if (checked.data.name === props.certificate.name) return setError(t('certificates.panel.sameName'));
    setError(undefined);
    reissue.mutate(
      { id: props.certificate.id, ...checked.data },
      {
        onSuccess: () => {
          props.onDone();
          props.onClose();
        },
      },
    );
  };
  return (
    <ConfirmDialog
      open={props.open}
      title={t('certificates.panel.correctTitle')}
      confirmLabel={t('certificates.panel.correctConfirm')}
      pending={reissue.isPending}
      onClose={() => {
        reissue.reset();
        setName(props.certificate.name);
        setError(undefined);
        props.onClose();
      }}
      onConfirm={confirm}
    >
      <div class="form-stack">
        <p>
          {t('certificates.panel.correctBody', { number: props.certificate.number, email: props.certificate.email })}
        </p>
        <Field label={t('certificates.panel.correctName')} error={error()}>
          {(control) => (
            <input
              {...control}
              class="field__control"
              value={name()}
              maxLength={PERSON_NAME_MAX_LENGTH}
              autocomplete="off"
              data-testid="correct-name"
              onInput={(event) => {
                setError(undefined);
                setName(event.currentTarget.value);
              }}
            />
          )}
        </Field>
        <CheckboxField label={t('certificates.panel.notify')} checked={notify()} onChange={setNotify} />
        <FormProblem error={reissue.error} />
      </div>
    </ConfirmDialog>
  );
}

function RevokeDialog(props: { open: boolean; certificate: Certificate; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const revoke = useRevokeCertificate();
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const confirm = () => {
    const checked = validateWith(revokeCertificateRequestSchema, { reason: reason() }, t);
    if (!checked.ok) return setError(checked.errors.reason);
    setError(undefined);
    revoke.mutate(
      { id: props.certificate.id, ...checked.data },
      {
        onSuccess: () => {
          props.onDone();
          props.onClose();
        },
      },
    );
  };
  return (
    <ConfirmDialog
      open={props.open}
      title={t('certificates.panel.revokeTitle', { number: props.certificate.number })}
      confirmLabel={t('certificates.panel.revokeConfirm')}
      dismissLabel={t('certificates.panel.keep')}
      danger
      pending={revoke.isPending}
      onClose={() => {
        revoke.reset();
        setReason('');
        setError(undefined);
        props.onClose();
      }}
      onConfirm={confirm}
    >
      <div class="form-stack">
        <p>{t('certificates.panel.revokeBody', { name: props.certificate.name })}</p>
        <Field
          label={t('certificates.panel.revokeReason')}
          hint={t('certificates.panel.revokeReasonHint')}
          error={error()}
        >
          {(control) => (
            <textarea
              {...control}
              class="field__control"
              value={reason()}
              maxLength={REVOKE_REASON_MAX_LENGTH}
              rows={3}
              data-testid="revoke-reason"
              onInput={(event) => {
                setError(undefined);
                setReason(event.currentTarget.value);
              }}
            />
          )}
        </Field>
        <FormProblem error={revoke.error} />
      </div>
    </ConfirmDialog>
  );
}
