import { createSignal, onCleanup } from 'solid-js';

/** The width from which the room shows the stage and its panels side by side (room.css uses the same). */
export const WIDE_ROOM_QUERY = '(min-width: 64rem)';

/** Whether the screen is wide enough for the stage and the panels side by side, following resizes. */
export function createWideScreen(): () => boolean {
  const query = window.matchMedia(WIDE_ROOM_QUERY);
  const [wide, setWide] = createSignal(query.matches);
  const follow = (event: MediaQueryListEvent) => setWide(event.matches);
  query.addEventListener('change', follow);
  onCleanup(() => query.removeEventListener('change', follow));
  return wide;
}
