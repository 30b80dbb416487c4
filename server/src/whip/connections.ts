import type { LiveKitEvents, LiveKitWebhook } from '../livekit/webhook-routes.ts';
import { roomOfName } from '../room/events.ts';
import { sessionById } from '../sessions/service.ts';
import { obsOwnerOf } from './keys.ts';
import { checkKey, type WhipDeps } from './service.ts';

/**
 * LiveKit's own check on OBS keys. A key is a LiveKit token, valid until it expires: anyone who
 * kept a revoked or replaced key could take it straight to LiveKit, past Serambi's WHIP door.
 * Each OBS identity carries its key's number, so on its `participant_joined` the key is held to
 * the room's state (checkKey) and a connection whose key no longer counts is removed. The number
 * in the identity also keeps an old key from taking over the identity of the current one.
 */
export function watchWhipConnections(deps: WhipDeps, events: LiveKitEvents): () => void {
  const joined = async (event: LiveKitWebhook) => {
    const identity = event.participant?.identity;
    const roomName = event.room?.name;
    if (!identity || !roomName) return;
    const obs = obsOwnerOf(identity);
    if (!obs) return;
    const { sessionId } = roomOfName(roomName);
    const session = await sessionById(deps.db, sessionId);
    const checked = session ? await checkKey(deps, session, obs.identity, obs.generation) : { refusal: 'unknown' };
    if (checked.refusal === null) return;
    deps.log.info(
      { sessionId, identity, refusal: checked.refusal },
      'OBS connected with a key that does not count: removing',
    );
    await deps.livekit.removeParticipant(roomName, identity);
  };
  return events.on('participant_joined', joined);
}
