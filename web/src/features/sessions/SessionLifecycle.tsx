import type { Session } from '@serambi/shared';
import { createSignal, createUniqueId, Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { useUpdateSession } from './sessions-api.ts';

/** Cancelling a session (everyone registered is mailed) or bringing a cancelled one back. */
export function SessionLifecycle(props: { session: Session }) {
  const { t } = useI18n();
  const update = useUpdateSession(() => props.session.slug);
  const [asking, setAsking] = createSignal(false);
  const headingId = createUniqueId();
  const registrants = () => props.session.registeredCount + props.session.waitlistedCount;
  return (
    <section class="card form-section form-section--danger" aria-labelledby={headingId}>
      <h2 id={headingId} class="form-section__heading">
        {t('editor.lifecycleHeading')}
      </h2>
      <FormProblem error={update.error} />
      <Switch>
        <Match when={props.session.status === 'cancelled'}>
          <p>{t('editor.isCancelled')}</p>
          <button
            type="button"
            class="button"
            aria-disabled={update.isPending}
            onClick={() => !update.isPending && update.mutate({ status: 'scheduled' })}
          >
            {t('editor.restore')}
          </button>
        </Match>
        <Match when={props.session.status === 'ended'}>
          <p>{t('editor.isEnded')}</p>
        </Match>
        <Match when={true}>
          <p>{t('editor.cancelHint')}</p>
          <button type="button" class="button button--danger-quiet" onClick={() => setAsking(true)}>
            {t('editor.cancelSession')}
          </button>
        </Match>
      </Switch>
      <ConfirmDialog
        open={asking()}
        title={t('editor.cancelTitle', { title: props.session.title })}
        confirmLabel={t('editor.cancelConfirm')}
        dismissLabel={t('editor.keepSession')}
        danger
        pending={update.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => update.mutate({ status: 'cancelled' }, { onSettled: () => setAsking(false) })}
      >
        <p>{registrants() > 0 ? t('editor.cancelBody', { count: registrants() }) : t('editor.cancelBodyNobody')}</p>
      </ConfirmDialog>
    </section>
  );
}
