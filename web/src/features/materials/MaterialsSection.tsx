import type { Material } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useApi } from '../../api/ApiProvider.tsx';
import { ApiProblem } from '../../api/problem.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/form/FormProblem.tsx';
import { ConfirmEmailNotice } from '../accounts/ConfirmEmail.tsx';
import { isEmailUnconfirmed } from '../accounts/email-confirmation.ts';
import { fileSize, sizeKey } from './file-size.ts';
import { MaterialUpload } from './MaterialUpload.tsx';
import {
  hasMaterialsToShow,
  type MaterialsSource,
  materialsQuery,
  useDeleteMaterial,
  usePinMaterial,
} from './materials-api.ts';
import './materials.css';

/**
 * A session's materials: each file with its kind, size and download; for its organizers,
 * speakers and moderators also the upload, the community's total and delete; in the room, for
 * moderators, pin and unpin. Shows nothing where there is nothing to say (no files, and no one
 * who may add them).
 */
export function MaterialsSection(props: {
  source: MaterialsSource;
  /** Set in the room: moderators pin from the list. */
  canPin?: boolean;
  /** The heading's level: a page's section (h2) or a room panel (none: the tab names it). */
  heading?: boolean;
  class?: string;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const materials = useQuery(() => materialsQuery(api, props.source));
  const headingId = createUniqueId();
  const ref = () => ('ref' in props.source ? props.source.ref : '');
  const ticket = () => ('ticket' in props.source ? props.source.ticket() : undefined);
  const pin = usePinMaterial(ref, ticket);
  const unconfirmed = () => (isEmailUnconfirmed(materials.error) ? materials.error : undefined);
  const failed = () =>
    materials.isError && !unconfirmed() && !(materials.error instanceof ApiProblem && materials.error.status === 404);
  const shown = () => {
    const found = materials.data;
    return found && hasMaterialsToShow(found) ? found : undefined;
  };
  const size = (bytes: number) => {
    const { unit, n } = fileSize(bytes, locale());
    return t(sizeKey(unit), { n });
  };
  return (
    <Show when={shown() || failed() || unconfirmed()}>
      <section
        class={`materials ${props.class ?? ''}`}
        aria-labelledby={props.heading === false ? undefined : headingId}
        aria-label={props.heading === false ? t('materials.heading') : undefined}
        data-testid="materials"
      >
        <Show when={props.heading !== false}>
          <h2 id={headingId} class="section-heading">
            {t('materials.heading')}
          </h2>
        </Show>
        <Show when={unconfirmed()}>
          {(problem) => <ConfirmEmailNotice problem={problem()} onRetry={() => materials.refetch()} />}
        </Show>
        <Show when={failed()}>
          <p class="notice notice--problem">{t('forms.loadFailed')}</p>
        </Show>
        <Show when={shown()}>
          {(found) => (
            <>
              <Show when={found().state !== 'available'}>
                <p class="materials__refused" data-testid="materials-refused">
                  {t(`materials.refused.${found().state as 'sign_in'}`)}
                </p>
              </Show>
              <Show when={found().canManage}>
                <MaterialUpload sessionRef={ref()} usage={found().usage} />
              </Show>
              <Show
                when={found().materials.length > 0}
                fallback={
                  <Show when={found().state === 'available'}>
                    <p class="empty-state materials__empty">{t('materials.empty')}</p>
                  </Show>
                }
              >
                <ul class="materials__list" data-testid="materials-list">
                  <For each={found().materials}>
                    {(material) => (
                      <MaterialItem
                        material={material}
                        size={size(material.sizeBytes)}
                        sessionRef={ref()}
                        canManage={found().canManage}
                        canPin={props.canPin ?? false}
                        pinning={pin.isPending}
                        onPin={(id) => pin.mutate(id)}
                      />
                    )}
                  </For>
                </ul>
              </Show>
              <FormProblem error={pin.error} />
            </>
          )}
        </Show>
      </section>
    </Show>
  );
}

function MaterialItem(props: {
  material: Material;
  size: string;
  sessionRef: string;
  canManage: boolean;
  canPin: boolean;
  pinning: boolean;
  onPin: (materialId: string | null) => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = createSignal(false);
  const remove = useDeleteMaterial(() => props.sessionRef);
  const name = () => props.material.name;
  return (
    <li class="materials__item" data-testid="material" data-kind={props.material.kind}>
      <div class="materials__file">
        <span class={`materials__badge materials__badge--${props.material.kind}`} aria-hidden="true">
          {props.material.kind === 'pptx' ? 'PPT' : props.material.kind.toUpperCase()}
        </span>
        <div class="materials__text">
          <span class="materials__name">{name()}</span>
          <span class="materials__meta">
            {t(`materials.kinds.${props.material.kind}`)} · {props.size}
            <Show when={props.material.pinned}>
              {' · '}
              <strong class="materials__pinned">{t('materials.pinned')}</strong>
            </Show>
          </span>
        </div>
      </div>
      <div class="button-row materials__actions">
        <a
          class="button button--small button--primary"
          href={props.material.downloadUrl}
          download={name()}
          aria-label={t('materials.downloadLabel', { name: name() })}
          data-testid="material-download"
        >
          {t('materials.download')}
        </a>
        <Show when={props.canPin}>
          <button
            type="button"
            class="button button--small"
            disabled={props.pinning}
            aria-label={t(props.material.pinned ? 'materials.manage.unpinLabel' : 'materials.manage.pinLabel', {
              name: name(),
            })}
            data-testid={props.material.pinned ? 'material-unpin' : 'material-pin'}
            onClick={() => props.onPin(props.material.pinned ? null : props.material.id)}
          >
            {t(props.material.pinned ? 'materials.manage.unpin' : 'materials.manage.pin')}
          </button>
        </Show>
        <Show when={props.canManage}>
          <button
            type="button"
            class="button button--small button--danger-quiet"
            aria-label={t('materials.manage.deleteLabel', { name: name() })}
            data-testid="material-delete"
            onClick={() => setConfirming(true)}
          >
            {t('materials.manage.delete')}
          </button>
        </Show>
      </div>
      <ConfirmDialog
        open={confirming()}
        title={t('materials.manage.deleteTitle', { name: name() })}
        confirmLabel={t('materials.manage.delete')}
        danger
        pending={remove.isPending}
        onConfirm={() => remove.mutate(props.material, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        <p>{t('materials.manage.deleteBody')}</p>
        <FormProblem error={remove.error} />
      </ConfirmDialog>
    </li>
  );
}
