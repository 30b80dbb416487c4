import { REACTION_EMOJI, type Reaction } from '@serambi/shared';
import { createSignal } from 'solid-js';
import { createOwnReactions, floatsForBurst } from './reaction-burst.ts';

/** One emoji on its way up the stage. */
export interface Float {
  id: number;
  emoji: string;
  /** Across the stage, in percent. */
  left: number;
  delayMs: number;
  durationMs: number;
  /** Sideways sway, in pixels. */
  drift: number;
}

/** Emoji on the stage at once, at most: a long storm does not pile up. */
const MAX_ON_STAGE = 60;
/** A burst's emoji rise one after another over this long, not all in one frame. */
const BURST_SPREAD_MS = 900;

/**
 * The emoji floating over the stage: a burst from the server (without the ones this person
 * already floated when sending them) or one of their own at once.
 */
export function createFloatingReactions(random: () => number = Math.random) {
  const [floats, setFloats] = createSignal<Float[]>([]);
  const own = createOwnReactions();
  let nextId = 0;

  const launch = (kinds: Reaction[], spread: boolean) => {
    const fresh = kinds.map(
      (kind, index): Float => ({
        id: nextId++,
        emoji: REACTION_EMOJI[kind],
        left: 8 + random() * 84,
        delayMs: spread && kinds.length > 1 ? Math.round((index / kinds.length) * BURST_SPREAD_MS) : 0,
        durationMs: 2600 + Math.round(random() * 1400),
        drift: Math.round((random() - 0.5) * 60),
      }),
    );
    setFloats((current) => [...current, ...fresh].slice(-MAX_ON_STAGE));
  };

  return {
    floats,
    /** A float finished its flight. */
    landed(id: number) {
      setFloats((current) => current.filter((float) => float.id !== id));
    },
    burst(counts: Partial<Record<Reaction, number>>) {
      launch(floatsForBurst(own.othersIn(counts)), true);
    },
    sent(kind: Reaction) {
      own.sent(kind);
      launch([kind], false);
    },
    refused(kind: Reaction) {
      own.refused(kind);
    },
  };
}

export type FloatingReactions = ReturnType<typeof createFloatingReactions>;
