import type { RoomEvent, RoomSnapshot } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { applyRoomEvent, eventOrder } from './apply-room-event.ts';

const at = '2026-11-23T12:00:00.000Z';

function aSnapshot(): RoomSnapshot {
  return {
    version: 4,
    session: {
      id: 's1',
      slug: 'bincang',
      title: 'Bincang',
      status: 'scheduled',
      visibility: 'public',
      startsAt: at,
      endsAt: at,
      timeZone: 'Asia/Makassar',
      liveAt: null,
      endedAt: null,
      community: { slug: 'bali', name: 'Bali' },
    },
    settings: { doorsOpenAt: at, locked: false, stageGuestLimit: 3 },
    me: {
      identity: 'r_me',
      name: 'Budi',
      role: 'participant',
      stage: 'none',
      handRaisedAt: null,
      admission: 'admitted',
    },
    presence: { connected: 2 },
    hands: [],
    guests: [],
    lobby: [],
  };
}

describe('applying room events', () => {
  it('an event at or below the held version is stale, the next one applies, a later one is a gap', () => {
    const event = { v: 5, type: 'session.presence', at, data: { connected: 3 } } as const;
    expect(eventOrder({ ...event, v: 4 }, 4)).toBe('stale');
    expect(eventOrder(event, 4)).toBe('next');
    expect(eventOrder({ ...event, v: 7 }, 4)).toBe('gap');
  });

  it('my raised hand, then an invitation and joining the stage, show on me and in the lists', () => {
    const snapshot = aSnapshot();
    const events: RoomEvent[] = [
      { v: 5, type: 'hand.raised', at, data: { identity: 'r_me', name: 'Budi', raisedAt: at } },
      { v: 6, type: 'stage.invited', at, data: { identity: 'r_me', name: 'Budi', since: at } },
      { v: 7, type: 'stage.joined', at, data: { identity: 'r_me', name: 'Budi', since: at } },
    ];
    for (const event of events) applyRoomEvent(snapshot, event);
    expect(snapshot.me.handRaisedAt).toBe(at);
    expect(snapshot.me.stage).toBe('on_stage');
    expect(snapshot.guests).toEqual([{ identity: 'r_me', name: 'Budi', state: 'on_stage', since: at }]);
    expect(snapshot.version).toBe(7);
  });

  it('going live and leaving the stage change the session and my place', () => {
    const snapshot = aSnapshot();
    snapshot.me.stage = 'on_stage';
    applyRoomEvent(snapshot, { v: 5, type: 'session.status', at, data: { status: 'live', liveAt: at, endedAt: null } });
    applyRoomEvent(snapshot, { v: 6, type: 'stage.left', at, data: { identity: 'r_me', reason: 'left' } });
    expect(snapshot.session.status).toBe('live');
    expect(snapshot.me.stage).toBe('none');
  });
});
