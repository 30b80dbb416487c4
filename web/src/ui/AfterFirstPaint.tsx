import { createSignal, onCleanup, onMount, type ParentProps, Show } from 'solid-js';

/**
 * Draws its children only once the page around it has been painted: for what sits beside a
 * page's purpose (the calendar and sharing links beside a registration form), so that their
 * code, loaded when first drawn (lazyComponent), arrives after the page is usable rather than
 * beside what makes it so.
 */
export function AfterFirstPaint(props: ParentProps) {
  const [painted, setPainted] = createSignal(false);
  onMount(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame's callback runs before its paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true));
    });
    onCleanup(() => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    });
  });
  return <Show when={painted()}>{props.children}</Show>;
}
