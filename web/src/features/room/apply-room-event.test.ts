import type { RoomEvent } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { applyDirectEvent, applyRoomEvent, eventOrder } from './apply-room-event.ts';
import { aQuestion, aSnapshot } from './room-fixtures.ts';

const at = '2026-11-23T12:00:00.000Z';

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

  it('Q&A, chat and poll events move their parts of the room, and the version with them', () => {
    const snapshot = aSnapshot();
    const events: RoomEvent[] = [
      { v: 5, type: 'qa.question', at, data: aQuestion() },
      { v: 6, type: 'qa.answering', at, data: { id: 'q1' } },
      { v: 7, type: 'qa.votes', at, data: { votes: [{ id: 'q1', votes: 4 }] } },
      {
        v: 8,
        type: 'chat.message',
        at,
        data: {
          id: 'm1',
          author: { identity: 'r_ani', name: 'Ani', role: 'participant' },
          text: 'Halo',
          kind: 'message',
          at,
          questionId: null,
        },
      },
      { v: 9, type: 'reaction.burst', at, data: { counts: { clap: 2 } } },
    ];
    for (const event of events) applyRoomEvent(snapshot, event);
    expect(snapshot.qa.answeringId).toBe('q1');
    expect(snapshot.qa.questions[0]?.votes).toBe(4);
    expect(snapshot.chat.messages.map((m) => m.text)).toEqual(['Halo']);
    expect(snapshot.version).toBe(9);
  });

  it('a recording starting, stopping and stopped shows on everyone’s snapshot, and newcomers are told from then on', () => {
    const snapshot = aSnapshot();
    const recording = { id: 'rec1', status: 'starting', startedAt: at } as const;
    applyRoomEvent(snapshot, { v: 5, type: 'session.recording', at, data: { recording } });
    expect(snapshot.recording).toEqual(recording);
    expect(snapshot.recordingNotice).toBe(true);
    applyRoomEvent(snapshot, {
      v: 6,
      type: 'session.recording',
      at,
      data: { recording: { ...recording, status: 'stopping' } },
    });
    expect(snapshot.recording?.status).toBe('stopping');
    applyRoomEvent(snapshot, { v: 7, type: 'session.recording', at, data: { recording: null } });
    expect(snapshot.recording).toBeNull();
    expect(snapshot.recordingNotice).toBe(true);
    expect(snapshot.version).toBe(7);
  });

  it('a file pinned and unpinned shows and goes on everyone’s snapshot', () => {
    const snapshot = aSnapshot();
    const pinned = { id: 'm1', name: 'salindia.pdf', kind: 'pdf', sizeBytes: 40_960, pinnedAt: at } as const;
    applyRoomEvent(snapshot, { v: 5, type: 'session.material', at, data: { pinned } });
    expect(snapshot.pinnedMaterial).toEqual(pinned);
    applyRoomEvent(snapshot, { v: 6, type: 'session.material', at, data: { pinned: null } });
    expect(snapshot.pinnedMaterial).toBeNull();
    expect(snapshot.version).toBe(6);
  });

  it('a direct event is folded in by rev whatever its version, and leaves the version alone', () => {
    const snapshot = aSnapshot();
    applyDirectEvent(snapshot, { v: 2, type: 'qa.question', at, data: aQuestion({ status: 'pending', rev: 2 }) });
    applyDirectEvent(snapshot, { v: 1, type: 'qa.question', at, data: aQuestion({ status: 'open', rev: 1 }) });
    expect(snapshot.qa.questions.map((q) => q.status)).toEqual(['pending']);
    expect(snapshot.version).toBe(4);
  });
});
