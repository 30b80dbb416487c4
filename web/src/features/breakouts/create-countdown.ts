import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { secondsUntil } from './breakout-state.ts';

/**
 * Whole seconds until `endsAt`, ticking once a second while its owner lives. `clockOffset` is
 * how far the server's clock is ahead of this device's (a phone's clock may be minutes off).
 */
export function createCountdown(endsAt: Accessor<string | undefined>, clockOffset: Accessor<number>): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  return () => {
    const end = endsAt();
    return end ? secondsUntil(end, now() + clockOffset()) : 0;
  };
}
