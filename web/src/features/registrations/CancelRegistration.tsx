import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useCancelRegistration } from './registrations-api.ts';

/** Gives the seat back, after a confirmation; the mail's "cancel" link opens the confirmation at once. */
export function CancelRegistration(props: { secret: string; title: string; askNow: boolean }) {
  const { t } = useI18n();
  const cancel = useCancelRegistration(() => props.secret);
  const [asking, setAsking] = createSignal(props.askNow);
  return (
    <div class="cancel-registration">
      <FormProblem error={cancel.error} />
      <Show when={!cancel.isSuccess}>
        <button type="button" class="button button--small button--danger-quiet" onClick={() => setAsking(true)}>
          {t('myRegistration.cancel')}
        </button>
      </Show>
      <ConfirmDialog
        open={asking()}
        title={t('myRegistration.cancelTitle')}
        confirmLabel={t('myRegistration.cancelConfirm')}
        dismissLabel={t('myRegistration.keep')}
        danger
        pending={cancel.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => cancel.mutate(undefined, { onSettled: () => setAsking(false) })}
      >
        <p>{t('myRegistration.cancelBody', { title: props.title })}</p>
      </ConfirmDialog>
    </div>
  );
}
