import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useOrganizes } from '../communities/use-organizes.ts';

/** On a public page, a way back to managing it for the community's organizers; nothing for anyone else. */
export function ManageShortcut(props: { communitySlug: string; path: string; label: 'session' | 'community' }) {
  const { t } = useI18n();
  const organizes = useOrganizes(() => props.communitySlug);
  return (
    <Show when={organizes()}>
      <A href={props.path} class="button button--small manage-shortcut">
        {t(props.label === 'session' ? 'sessions.manageThis' : 'communities.manageThis')}
      </A>
    </Show>
  );
}
