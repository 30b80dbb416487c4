import { type Component, lazy } from 'solid-js';

/**
 * A component whose code loads the first time it is drawn, in a chunk of its own rather than
 * with the page: for what only some people see, or nobody sees at first. Draw it inside a
 * `<Suspense>` of its own, or the page around it waits too.
 */
export function lazyComponent<P extends object>(load: () => Promise<Component<P>>) {
  return lazy(() => load().then((component) => ({ default: component })));
}
