import { REACTIONS, type Reaction, type ReactionCounts } from '@serambi/shared';

/** Emoji drawn for one burst at most, however many were sent: a storm stays readable. */
export const MAX_FLOATS_PER_BURST = 30;

/**
 * The kinds to float for a burst, at most `cap`, each kind keeping its share (and at least one
 * emoji), interleaved so a burst of claps and hearts rises mixed rather than in blocks.
 */
export function floatsForBurst(counts: ReactionCounts, cap = MAX_FLOATS_PER_BURST): Reaction[] {
  const total = REACTIONS.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);
  if (total === 0) return [];
  const scale = total > cap ? cap / total : 1;
  const left = new Map<Reaction, number>();
  for (const kind of REACTIONS) {
    const count = counts[kind] ?? 0;
    if (count > 0) left.set(kind, Math.max(1, Math.floor(count * scale)));
  }
  const floats: Reaction[] = [];
  while (floats.length < cap && left.size > 0) {
    for (const [kind, remaining] of left) {
      floats.push(kind);
      if (remaining <= 1) left.delete(kind);
      else left.set(kind, remaining - 1);
      if (floats.length === cap) break;
    }
  }
  return floats;
}

/**
 * My own reactions float the moment I send them; the burst that counts them later must not
 * float them again. Each is held until a burst accounts for it or `ttlMs` passes (a burst that
 * never came, a reaction the server refused).
 */
export function createOwnReactions(now: () => number = Date.now, ttlMs = 5_000) {
  let pending: { kind: Reaction; at: number }[] = [];
  const fresh = () => {
    const cutoff = now() - ttlMs;
    pending = pending.filter((entry) => entry.at >= cutoff);
  };
  return {
    sent(kind: Reaction) {
      pending.push({ kind, at: now() });
    },
    refused(kind: Reaction) {
      const index = pending.findIndex((entry) => entry.kind === kind);
      if (index >= 0) pending.splice(index, 1);
    },
    /** The burst without my own reactions it includes. */
    othersIn(counts: ReactionCounts): ReactionCounts {
      fresh();
      const others: ReactionCounts = {};
      for (const kind of REACTIONS) {
        let count = counts[kind] ?? 0;
        while (count > 0) {
          const index = pending.findIndex((entry) => entry.kind === kind);
          if (index < 0) break;
          pending.splice(index, 1);
          count--;
        }
        if (count > 0) others[kind] = count;
      }
      return others;
    },
  };
}
