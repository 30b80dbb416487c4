import type { JSX } from 'solid-js';

/** A decorative 24×24 line icon; the text next to it carries the meaning. */
export function LineIcon(props: { size?: number; children: JSX.Element }) {
  return (
    <svg
      class="line-icon"
      viewBox="0 0 24 24"
      width={props.size ?? 24}
      height={props.size ?? 24}
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {props.children}
    </svg>
  );
}
