import { createSignal, onCleanup } from 'solid-js';

/**
 * The width of an element in CSS pixels, followed as the window or the layout changes, so a
 * chart can lay itself out in real pixels (text stays the size of the page's text instead of
 * shrinking with a scaled viewBox).
 */
export function createWidth(fallback: number) {
  const [width, setWidth] = createSignal(fallback);
  let observer: ResizeObserver | undefined;
  const ref = (element: HTMLElement) => {
    observer?.disconnect();
    observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
  };
  onCleanup(() => observer?.disconnect());
  return { width, ref };
}
