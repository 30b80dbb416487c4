import { createSignal, onCleanup } from 'solid-js';

/**
 * Calls `act` once calls have stopped for `delayMs`, with the last arguments. `cancel` drops a
 * pending call (a component going away must not act afterwards).
 */
export function createDebouncer<A extends unknown[]>(act: (...args: A) => void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call(...args: A) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        act(...args);
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** A signal that follows `source`'s writes once they have stopped for `delayMs`, for searches and refetches. */
export function createDebouncedSignal<T>(initial: T, delayMs: number) {
  const [settled, setSettled] = createSignal<T>(initial);
  const debouncer = createDebouncer((value: T) => setSettled(() => value), delayMs);
  onCleanup(() => debouncer.cancel());
  return [settled, debouncer.call] as const;
}
