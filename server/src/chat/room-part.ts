import type { ChatState } from '@serambi/shared';
import type { Database } from '../db/client.ts';
import type { SnapshotPart } from '../room/parts.ts';
import { createVersionedViews } from '../room/versioned-views.ts';
import { chatStateFor } from './service.ts';

/**
 * Chat's part of room snapshots: everyone sees the same chat, so the audience's is read once per
 * session version and shared; moderators read it themselves.
 */
export function chatSnapshotPart(db: Database): SnapshotPart<{ chat: ChatState }> {
  const audienceView = createVersionedViews(async (room) => ({
    version: room.version,
    chat: await chatStateFor(db, room.sessionId),
  }));
  return {
    async forModerator(room) {
      return { chat: await chatStateFor(db, room.sessionId) };
    },
    async forAudience(room) {
      return { chat: (await audienceView(room)).chat };
    },
  };
}
