import { createSignal, onCleanup } from 'solid-js';

/** The current time as a signal that ticks every `intervalMs`, for countdowns and "live now". */
export function createNow(intervalMs = 1000): () => Date {
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
