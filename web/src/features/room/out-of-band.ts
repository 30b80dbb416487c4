import type { DirectEvent, RoomSnapshot } from '@serambi/shared';
import { applyDirectEvent } from './apply-room-event.ts';

/**
 * What reached this viewer outside the version sequence (events addressed to them alone, the
 * answers of their own API calls), remembered so that a snapshot fetched a moment before it
 * cannot undo it. A snapshot with a higher version than an entry already includes it, so the
 * entry is dropped; the rest are folded in again by their `rev`.
 */
export interface OutOfBandMemory {
  remember(event: DirectEvent): void;
  /** After a snapshot replaced the room: folds in what it may not know yet. */
  reapply(snapshot: RoomSnapshot): void;
}

export function createOutOfBandMemory(): OutOfBandMemory {
  const entries = new Map<string, DirectEvent>();
  const keyOf = (event: DirectEvent) => {
    switch (event.type) {
      case 'qa.question':
        return `question:${event.data.id}`;
      case 'poll.updated':
      case 'poll.removed':
        return `poll:${event.data.id}`;
      case 'poll.votes':
        // Counts are absolute and the next ones come soon: nothing worth holding on to.
        return undefined;
      case 'session.stream':
        // The whole state, newest last: the latest one stands.
        return 'stream';
      case 'breakout.help':
        return `help:${event.data.id}`;
    }
  };
  return {
    remember(event) {
      const key = keyOf(event);
      if (!key) return;
      const held = entries.get(key);
      if (held && revOf(held) > revOf(event)) return;
      entries.set(key, event);
    },
    reapply(snapshot) {
      for (const [key, event] of entries) {
        if (event.v < snapshot.version) entries.delete(key);
        else applyDirectEvent(snapshot, event);
      }
    },
  };
}

/** A removal outranks any version of the thing removed. */
const revOf = (event: DirectEvent) =>
  event.type === 'poll.removed' ? Number.POSITIVE_INFINITY : 'rev' in event.data ? event.data.rev : 0;
