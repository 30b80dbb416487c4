import type { BreakoutEvent } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { applyRoomEvent } from '../room/apply-room-event.ts';
import { aSnapshot } from '../room/room-fixtures.ts';
import { countdownText, needsSnapshotAfter, secondsUntil, tableToBeAt } from './breakout-state.ts';

const at = '2026-11-23T12:00:00.000Z';
const id = '00000000-0000-4000-8000-000000000001';
const tableA = '00000000-0000-4000-8000-0000000000a1';
const tableB = '00000000-0000-4000-8000-0000000000b2';

const opened: BreakoutEvent = {
  v: 5,
  type: 'breakout.opened',
  at,
  data: {
    id,
    assignment: 'choose',
    sizeLimit: 4,
    mainStage: 'running',
    openedAt: at,
    endsAt: '2026-11-23T12:10:00.000Z',
    tables: [
      { id: tableA, number: 1, name: null, topic: null },
      { id: tableB, number: 2, name: 'Keuangan', topic: 'Modal kerja' },
    ],
  },
};

describe('breakout events in the room', () => {
  it('placed at a table, I am to be there; moved, at the other; at the end, back in the main room', () => {
    const snapshot = aSnapshot();
    applyRoomEvent(snapshot, opened);
    expect(tableToBeAt(snapshot.breakouts, null)).toBeNull();
    applyRoomEvent(snapshot, {
      v: 6,
      type: 'breakout.placed',
      at,
      data: { id, placements: [{ identity: 'r_me', tableId: tableA }] },
    });
    expect(tableToBeAt(snapshot.breakouts, null)).toBe(tableA);
    applyRoomEvent(snapshot, {
      v: 7,
      type: 'breakout.placed',
      at,
      data: { id, placements: [{ identity: 'r_me', tableId: tableB }] },
    });
    expect(snapshot.breakouts?.tables.map((table) => table.count)).toEqual([0, 1]);
    expect(tableToBeAt(snapshot.breakouts, null)).toBe(tableB);
    applyRoomEvent(snapshot, { v: 8, type: 'breakout.ended', at, data: { id, reason: 'timer', endedAt: at } });
    expect(snapshot.breakouts).toMatchObject({ status: 'ended', myTableId: null, endedAt: at });
    expect(tableToBeAt(snapshot.breakouts, tableA)).toBeNull();
    expect(snapshot.version).toBe(8);
  });

  it('the warning marks the tables warned; extending moves the end and waits for a new warning', () => {
    const snapshot = aSnapshot();
    applyRoomEvent(snapshot, opened);
    const warnedAt = '2026-11-23T12:09:00.000Z';
    applyRoomEvent(snapshot, {
      v: 6,
      type: 'breakout.warning',
      at: warnedAt,
      data: { id, endsAt: opened.data.endsAt },
    });
    expect(snapshot.breakouts?.warnedAt).toBe(warnedAt);
    const later = '2026-11-23T12:15:00.000Z';
    applyRoomEvent(snapshot, { v: 7, type: 'breakout.extended', at, data: { id, endsAt: later } });
    expect(snapshot.breakouts).toMatchObject({ endsAt: later, warnedAt: null });
  });

  it('an event of other tables than the ones held changes nothing but the version', () => {
    const snapshot = aSnapshot();
    applyRoomEvent(snapshot, opened);
    const other = '00000000-0000-4000-8000-000000000009';
    applyRoomEvent(snapshot, { v: 6, type: 'breakout.ended', at, data: { id: other, reason: 'timer', endedAt: at } });
    expect(snapshot.breakouts?.status).toBe('open');
    expect(snapshot.version).toBe(6);
  });

  it('someone still choosing reads the room again after a placement, for the counts; someone seated does not', () => {
    const snapshot = aSnapshot();
    applyRoomEvent(snapshot, opened);
    const placed: BreakoutEvent = {
      v: 6,
      type: 'breakout.placed',
      at,
      data: { id, placements: [{ identity: 'r_other', tableId: tableA }] },
    };
    applyRoomEvent(snapshot, placed);
    expect(needsSnapshotAfter(snapshot, placed, false)).toBe(true);
    if (snapshot.breakouts) snapshot.breakouts.myTableId = tableB;
    expect(needsSnapshotAfter(snapshot, placed, false)).toBe(false);
    expect(needsSnapshotAfter(snapshot, placed, true)).toBe(true);
  });

  it('a visit goes to the visited table while the tables are open', () => {
    const snapshot = aSnapshot();
    applyRoomEvent(snapshot, opened);
    expect(tableToBeAt(snapshot.breakouts, tableB)).toBe(tableB);
    expect(tableToBeAt(snapshot.breakouts, 'no-such-table')).toBeNull();
  });

  it('the countdown counts whole seconds up, never below zero', () => {
    const end = '2026-11-23T12:01:05.000Z';
    expect(secondsUntil(end, Date.parse(at))).toBe(65);
    expect(secondsUntil(end, Date.parse(at) + 64_500)).toBe(1);
    expect(secondsUntil(end, Date.parse(end) + 5_000)).toBe(0);
    expect(countdownText(65)).toBe('1:05');
    expect(countdownText(9)).toBe('0:09');
  });
});
