import { createSignal, Show } from 'solid-js';

/** A person's photo, or their initials when there is none or it does not load. */
export function PersonPhoto(props: { name: string; photoUrl: string | null; size?: 'large' }) {
  const [broken, setBroken] = createSignal(false);
  return (
    <Show
      when={props.photoUrl && !broken() ? props.photoUrl : undefined}
      fallback={
        <span class={`avatar avatar--photo ${props.size === 'large' ? 'avatar--large' : ''}`} aria-hidden="true">
          {initialsOf(props.name)}
        </span>
      }
    >
      {(url) => (
        <img
          class={`person-photo ${props.size === 'large' ? 'person-photo--large' : ''}`}
          src={url()}
          alt=""
          loading="lazy"
          referrerpolicy="no-referrer"
          onError={() => setBroken(true)}
        />
      )}
    </Show>
  );
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}
