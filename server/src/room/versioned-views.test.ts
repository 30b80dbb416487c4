import { describe, expect, it } from 'vitest';
import type { SessionRoomRow } from './schema.ts';
import { createVersionedViews } from './versioned-views.ts';

const roomAt = (version: number, sessionId = 's1') => ({ sessionId, version }) as SessionRoomRow;

/** A read that counts itself and answers the room's version, or waits to be let go. */
function aRead() {
  const reads: number[] = [];
  const waiting: (() => void)[] = [];
  let held = false;
  const read = async (room: SessionRoomRow) => {
    reads.push(room.version);
    if (held) await new Promise<void>((resolve) => waiting.push(resolve));
    return { version: room.version, sessionId: room.sessionId };
  };
  return {
    read,
    reads,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

describe('what every viewer of a session sees alike', () => {
  it('is read once per version and shared by every caller at that version', async () => {
    const source = aRead();
    const viewOf = createVersionedViews(source.read);
    await viewOf(roomAt(3));
    await viewOf(roomAt(3));
    expect(source.reads).toEqual([3]);
  });

  it('is read again once the caller has seen a newer version', async () => {
    const source = aRead();
    const viewOf = createVersionedViews(source.read);
    await viewOf(roomAt(3));
    expect(await viewOf(roomAt(4))).toMatchObject({ version: 4 });
    expect(source.reads).toEqual([3, 4]);
  });

  it('serves a view newer than the caller’s version rather than reading an older one', async () => {
    const source = aRead();
    const viewOf = createVersionedViews(source.read);
    await viewOf(roomAt(5));
    expect(await viewOf(roomAt(4))).toMatchObject({ version: 5 });
    expect(source.reads).toEqual([5]);
  });

  it('lets joins arriving together share the first one’s read while it is under way', async () => {
    const source = aRead();
    const viewOf = createVersionedViews(source.read);
    source.hold();
    const first = viewOf(roomAt(7));
    const second = viewOf(roomAt(7));
    source.release();
    expect(await Promise.all([first, second])).toEqual([
      { version: 7, sessionId: 's1' },
      { version: 7, sessionId: 's1' },
    ]);
    expect(source.reads).toEqual([7]);
  });

  it('keeps each session’s view apart', async () => {
    const source = aRead();
    const viewOf = createVersionedViews(source.read);
    expect(await viewOf(roomAt(2, 's1'))).toMatchObject({ sessionId: 's1' });
    expect(await viewOf(roomAt(2, 's2'))).toMatchObject({ sessionId: 's2' });
    expect(source.reads).toEqual([2, 2]);
  });

  it('forgets a failed read, so the next caller reads again', async () => {
    let fail = true;
    let reads = 0;
    const viewOf = createVersionedViews(async (room: SessionRoomRow) => {
      reads++;
      if (fail) throw new Error('database hiccup');
      return { version: room.version };
    });
    await expect(viewOf(roomAt(1))).rejects.toThrow('database hiccup');
    fail = false;
    expect(await viewOf(roomAt(1))).toEqual({ version: 1 });
    expect(reads).toBe(2);
  });

  it('keeps at most 200 sessions, forgetting the one read longest ago', async () => {
    const source = aRead();
    const viewOf = createVersionedViews(source.read);
    for (let i = 0; i <= 200; i++) await viewOf(roomAt(1, `s${i}`));
    await viewOf(roomAt(1, 's200'));
    await viewOf(roomAt(1, 's1'));
    expect(source.reads).toHaveLength(201);
    await viewOf(roomAt(1, 's0'));
    expect(source.reads).toHaveLength(202);
  });
});
