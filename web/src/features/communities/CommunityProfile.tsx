import type { Community } from '@serambi/shared';
import { createSignal, type JSX, Show } from 'solid-js';
import { initialsOf } from '../sessions/PersonPhoto.tsx';
import './communities.css';

/** Logo, name and description: the top of a community's page and its dashboard. */
export function CommunityProfile(props: { community: Community; headingLevel?: 1 | 2; children?: JSX.Element }) {
  const [logoBroken, setLogoBroken] = createSignal(false);
  return (
    <div class="community-profile">
      <Show
        when={props.community.logoUrl && !logoBroken() ? props.community.logoUrl : undefined}
        fallback={
          <span class="community-logo community-logo--initials" aria-hidden="true">
            {initialsOf(props.community.name)}
          </span>
        }
      >
        {(logo) => (
          <img
            class="community-logo"
            src={logo()}
            alt=""
            referrerpolicy="no-referrer"
            onError={() => setLogoBroken(true)}
          />
        )}
      </Show>
      <Show when={props.headingLevel === 2} fallback={<h1 class="community-profile__name">{props.community.name}</h1>}>
        <h2 class="community-profile__name">{props.community.name}</h2>
      </Show>
      <div class="community-profile__text">
        <Show when={props.community.description}>
          <p class="community-profile__description">{props.community.description}</p>
        </Show>
        {props.children}
      </div>
    </div>
  );
}
