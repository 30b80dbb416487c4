import type { PinnedMaterial } from '@serambi/shared';
import { useQuery } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { materialsQuery } from './materials-api.ts';
import './materials.css';

/**
 * "Materials available": the file a moderator pinned, over the stage for everyone in the room
 * (late joiners too: it is part of the room's snapshot), with its download. The address is
 * each person's own, signed for a few minutes: it comes from the room's list, read with their
 * ticket when the notice shows.
 */
export function PinnedMaterialNotice(props: {
  pinned: PinnedMaterial;
  sessionRef: string;
  ticket: () => string | undefined;
}) {
  const { t } = useI18n();
  const api = useApi();
  const list = useQuery(() => materialsQuery(api, { ref: props.sessionRef, ticket: props.ticket }));
  const address = () => list.data?.materials.find((material) => material.id === props.pinned.id)?.downloadUrl;
  return (
    <div class="material-notice" role="status" data-testid="material-notice">
      <div class="material-notice__text">
        <span class="material-notice__title">{t('room.materials.notice')}</span>
        <span class="material-notice__name">{props.pinned.name}</span>
      </div>
      <a
        class="button button--small button--primary"
        href={address() ?? '#'}
        aria-disabled={address() ? undefined : 'true'}
        download={props.pinned.name}
        aria-label={t('room.materials.downloadLabel', { name: props.pinned.name })}
        data-testid="material-notice-download"
        onClick={(event) => {
          if (!address()) event.preventDefault();
        }}
      >
        {t('room.materials.download')}
      </a>
    </div>
  );
}
