import { BREAKOUT_TEAM_PLACES, type BreakoutConnection } from '@serambi/shared';
import { AppError } from '../http/errors.ts';
import type { RoomDeps } from '../room/deps.ts';
import { LIVEKIT_TOKEN_TTL_SECONDS } from '../room/deps.ts';
import { tableRoomName } from '../room/events.ts';
import { attributesOf, mainRoomConnection } from '../room/join.ts';
import { authorizeInRoom, isTeam } from '../room/rules.ts';
import type { RoomParticipantRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { breakoutRules } from './rules.ts';
import { answerHelpAt } from './service.ts';
import { currentBreakout, placeOf, tablesOf } from './state.ts';

/**
 * Where someone connects now (docs/breakouts.md#how-the-client-moves): a table's LiveKit room,
 * with a token for that room only (camera and microphone), or the main room with the join's
 * grants. A participant gets only their own table; speakers and moderators any table (a visit,
 * which answers the table's calls for help).
 */
export async function connectTo(
  deps: RoomDeps,
  session: SessionRow,
  me: RoomParticipantRow,
  tableId: string | null,
): Promise<BreakoutConnection> {
  authorizeInRoom(breakoutRules, 'connect', me);
  if (tableId === null) {
    const main = await mainRoomConnection(deps, session, me);
    if (!main) throw new AppError(409, 'breakout_nowhere', 'problems.breakoutNowhere');
    return { url: main.url, token: main.token, room: main.room, tableId: null, expiresAt: main.expiresAt };
  }
  const row = await currentBreakout(deps.db, session.id);
  if (row?.status !== 'open') throw new AppError(409, 'breakout_not_open', 'problems.breakoutNotOpen');
  const table = (await tablesOf(deps.db, row.id)).find((t) => t.id === tableId);
  if (!table) throw new AppError(404, 'breakout_unknown_table', 'problems.breakoutUnknownTable');
  if (isTeam(me)) await answerHelpAt(deps.db, table.id, deps.now());
  else if ((await placeOf(deps.db, row.id, me.identity)) !== table.id) {
    throw new AppError(403, 'breakout_not_your_table', 'problems.breakoutNotYourTable');
  }
  const room = tableRoomName(session.id, table.id);
  await deps.livekit.ensureRoom(room, { maxParticipants: row.sizeLimit + BREAKOUT_TEAM_PLACES });
  const token = await deps.livekit.mintToken({
    room,
    identity: me.identity,
    name: me.name,
    attributes: attributesOf(me),
    access: 'table',
    ttlSeconds: LIVEKIT_TOKEN_TTL_SECONDS,
  });
  return {
    url: deps.livekit.clientUrl,
    token,
    room: 'table',
    tableId: table.id,
    expiresAt: new Date(deps.now().getTime() + LIVEKIT_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}
