import type { RoomSnapshot } from '@serambi/shared';
import type { Database } from '../db/client.ts';
import type { SnapshotPart } from '../room/parts.ts';

/** Breakouts' part of the room snapshot: the tables open now, as the caller may see them. */
export function breakoutsSnapshotPart(_db: Database): SnapshotPart<Pick<RoomSnapshot, 'breakouts'>> {
  return {
    forModerator: async () => ({ breakouts: null }),
    forAudience: async () => ({ breakouts: null }),
  };
}
