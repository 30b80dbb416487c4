import type { DirectEvent, RoomEvent, RoomSnapshot } from '@serambi/shared';
import { applyBreakoutEvent, upsertBreakoutHelp } from '../breakouts/breakout-state.ts';
import { applyChatEvent } from '../chat/chat-state.ts';
import { applyPollCounts, applyPollEvent, removePoll, upsertPoll } from '../polls/poll-state.ts';
import { applyQaEvent, upsertQuestion } from '../qa/qa-state.ts';

/**
 * Folds one realtime event into a snapshot (a draft: Solid's `produce` or a plain copy). The
 * caller has checked that `event.v` is the next version; this only says what the event means.
 */
export function applyRoomEvent(snapshot: RoomSnapshot, event: RoomEvent): void {
  const me = snapshot.me;
  const isMe = (identity: string) => identity === me.identity;
  switch (event.type) {
    case 'session.status':
      snapshot.session.status = event.data.status;
      snapshot.session.liveAt = event.data.liveAt;
      snapshot.session.endedAt = event.data.endedAt;
      break;
    case 'session.settings':
      snapshot.settings = { ...event.data };
      break;
    case 'session.presence':
      snapshot.presence.connected = event.data.connected;
      break;
    case 'session.recording':
      snapshot.recording = event.data.recording ? { ...event.data.recording } : null;
      // A recording that ran is a reason to tell newcomers; one stopping does not take it back.
      if (event.data.recording) snapshot.recordingNotice = true;
      break;
    case 'session.material':
      snapshot.pinnedMaterial = event.data.pinned ? { ...event.data.pinned } : null;
      break;
    case 'hand.raised':
      snapshot.hands = [...snapshot.hands.filter((hand) => hand.identity !== event.data.identity), event.data];
      if (isMe(event.data.identity)) me.handRaisedAt = event.data.raisedAt;
      break;
    case 'hand.lowered':
      snapshot.hands = snapshot.hands.filter((hand) => hand.identity !== event.data.identity);
      if (isMe(event.data.identity)) me.handRaisedAt = null;
      break;
    case 'stage.invited':
    case 'stage.joined': {
      const state = event.type === 'stage.invited' ? 'invited' : 'on_stage';
      const guest = { ...event.data, state } as const;
      snapshot.guests = [...snapshot.guests.filter((other) => other.identity !== guest.identity), guest];
      if (isMe(guest.identity)) me.stage = state;
      break;
    }
    case 'stage.left':
      snapshot.guests = snapshot.guests.filter((guest) => guest.identity !== event.data.identity);
      if (isMe(event.data.identity)) me.stage = 'none';
      break;
    case 'participant.muted':
      // Nothing to remember: LiveKit mutes the track, and a muted screen share is stopped by the sharer.
      break;
    case 'participant.removed':
      snapshot.hands = snapshot.hands.filter((hand) => hand.identity !== event.data.identity);
      snapshot.guests = snapshot.guests.filter((guest) => guest.identity !== event.data.identity);
      snapshot.lobby = snapshot.lobby.filter((entry) => entry.identity !== event.data.identity);
      break;
    case 'lobby.requested':
      // The lobby is the moderators' to see; the server sends it to them alone, but be sure.
      if (me.role === 'moderator') {
        snapshot.lobby = [...snapshot.lobby.filter((entry) => entry.identity !== event.data.identity), event.data];
      }
      break;
    case 'lobby.decided':
      snapshot.lobby = snapshot.lobby.filter((entry) => entry.identity !== event.data.identity);
      if (isMe(event.data.identity)) me.admission = event.data.admitted ? 'admitted' : 'denied';
      break;
    case 'qa.question':
    case 'qa.removed':
    case 'qa.votes':
    case 'qa.answering':
      applyQaEvent(snapshot.qa, event);
      break;
    case 'chat.message':
    case 'chat.deleted':
    case 'chat.questioned':
      applyChatEvent(snapshot.chat, event);
      break;
    case 'poll.updated':
    case 'poll.removed':
    case 'poll.votes':
      applyPollEvent(snapshot.polls, event);
      break;
    case 'reaction.burst':
      // Nothing to remember: the emoji float over the stage and are gone.
      break;
    case 'breakout.opened':
    case 'breakout.placed':
    case 'breakout.extended':
    case 'breakout.warning':
    case 'breakout.message':
    case 'breakout.ended':
      applyBreakoutEvent(snapshot, event);
      break;
  }
  snapshot.version = event.v;
}

/** Where an event stands against the version a client holds. */
export function eventOrder(event: RoomEvent, version: number): 'stale' | 'next' | 'gap' {
  if (event.v <= version) return 'stale';
  return event.v === version + 1 ? 'next' : 'gap';
}

/**
 * Folds an event addressed to this viewer alone (outside the version sequence) into a snapshot:
 * whole objects kept by their `rev`, in whatever order they come.
 */
export function applyDirectEvent(snapshot: RoomSnapshot, event: DirectEvent): void {
  switch (event.type) {
    case 'qa.question':
      upsertQuestion(snapshot.qa, event.data);
      break;
    case 'poll.updated':
      upsertPoll(snapshot.polls, event.data);
      break;
    case 'poll.removed':
      removePoll(snapshot.polls, event.data.id);
      break;
    case 'poll.votes':
      applyPollCounts(snapshot.polls, event.data);
      break;
    case 'session.stream':
      snapshot.liveStream = event.data;
      break;
    case 'breakout.help':
      upsertBreakoutHelp(snapshot, event.data);
      break;
  }
}
