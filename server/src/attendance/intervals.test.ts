import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, aSession, ENGINES } from '../../../test/support/factories.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { type ConnectionSighting, closeOpenIntervals, eventTime, recordConnection } from './intervals.ts';
import { attendanceIntervals } from './schema.ts';

const SECOND = Date.parse('2026-12-06T12:00:07Z');
const stamped = { createdAt: BigInt(SECOND / 1000) };

describe('when a webhook’s event happened', () => {
  it('is the arrival, to the millisecond, when it arrives within the second LiveKit stamped', () => {
    expect(eventTime(stamped, new Date(SECOND + 420)).getTime()).toBe(SECOND + 420);
  });

  it('is the stamped second’s last millisecond for a late delivery, so a retry never moves an earlier time', () => {
    expect(eventTime(stamped, new Date(SECOND + 90_000)).getTime()).toBe(SECOND + 999);
  });

  it('is the stamped second when our clock is behind LiveKit’s, and the arrival when there is no stamp', () => {
    expect(eventTime(stamped, new Date(SECOND - 300)).getTime()).toBe(SECOND);
    expect(eventTime({ createdAt: 0n }, new Date(SECOND + 5)).getTime()).toBe(SECOND + 5);
  });
});

const at = (seconds: number) => new Date(SECOND + seconds * 1000);

describe.each(ENGINES)('storing connections on %s', (engine) => {
  let handle: DatabaseHandle;
  let sessionId: string;
  beforeAll(async () => {
    handle = await aDatabase(engine);
    sessionId = (await aSession(handle.db, await aCommunity(handle.db))).id;
  });
  afterAll(() => handle.close());

  const rowsOf = async (connectionSid?: string) =>
    (await handle.db.select().from(attendanceIntervals).where(eq(attendanceIntervals.sessionId, sessionId)))
      .filter((row) => !connectionSid || row.connectionSid === connectionSid)
      .map((row) => [row.connectionSid, row.joinedAt.getTime(), row.leftAt?.getTime() ?? null]);

  it('makes one interval of a connection whatever the order and repeats of its joined and left', async () => {
    const sighting = (sid: string, leftAt: Date | null): ConnectionSighting => ({
      sessionId,
      identity: 'r_sari',
      connectionSid: sid,
      joinedAt: at(0),
      leftAt,
    });
    const orders = [
      ['joined', 'left'],
      ['left', 'joined'],
      ['joined', 'left', 'left late', 'joined'],
      ['left late', 'joined', 'left'],
    ];
    for (const [n, order] of orders.entries()) {
      const sid = `PA_order${n}`;
      for (const what of order) {
        const leftAt = what === 'joined' ? null : what === 'left' ? at(30) : at(30.999);
        await recordConnection(handle.db, sighting(sid, leftAt));
      }
      expect(await rowsOf(sid), order.join(' → ')).toEqual([[sid, at(0).getTime(), at(30).getTime()]]);
    }
  });

  it('closes what the room finishing finds open, leaves a newer room’s connection open, and lets an earlier real leave win', async () => {
    const base = { sessionId, identity: 'r_budi' };
    await recordConnection(handle.db, { ...base, connectionSid: 'PA_old', joinedAt: at(100), leftAt: null });
    await recordConnection(handle.db, { ...base, connectionSid: 'PA_new', joinedAt: at(200), leftAt: null });
    await closeOpenIntervals(handle.db, sessionId, at(150));
    expect(await rowsOf('PA_old')).toEqual([['PA_old', at(100).getTime(), at(150).getTime()]]);
    expect(await rowsOf('PA_new')).toEqual([['PA_new', at(200).getTime(), null]]);
    // The real "left" arrives after the room's end: it knew better.
    await recordConnection(handle.db, { ...base, connectionSid: 'PA_old', joinedAt: at(100), leftAt: at(140) });
    expect(await rowsOf('PA_old')).toEqual([['PA_old', at(100).getTime(), at(140).getTime()]]);
  });

  it('ignores a room that is no session’s', async () => {
    const before = await rowsOf();
    await recordConnection(handle.db, {
      sessionId: 'not-a-session',
      identity: 'r_x',
      connectionSid: 'PA_x',
      joinedAt: at(0),
      leftAt: null,
    });
    expect(await rowsOf()).toEqual(before);
  });
});
