import { createEffect, createUniqueId, type JSX } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  /** What the other button says: "Cancel" unless that would be ambiguous, as in "cancel the cancellation". */
  dismissLabel?: string;
  /** A destructive action gets the warning style. */
  danger?: boolean;
  pending?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * A modal question before an action that mails people or cannot be undone. The native dialog
 * keeps focus inside, closes on Escape and gives focus back to what opened it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useI18n();
  const titleId = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby={titleId} onClose={() => props.onClose()}>
      <h2 id={titleId} class="dialog__title">
        {props.title}
      </h2>
      <div class="dialog__body">{props.children}</div>
      <div class="dialog__actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          {props.dismissLabel ?? t('forms.cancel')}
        </button>
        <button
          type="button"
          class={`button ${props.danger ? 'button--danger' : 'button--primary'}`}
          aria-disabled={props.pending}
          onClick={() => {
            if (!props.pending) props.onConfirm();
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
