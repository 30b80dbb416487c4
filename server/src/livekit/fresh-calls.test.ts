import { describe, expect, it } from 'vitest';
import { sharedFreshCalls } from './fresh-calls.ts';

/** A call whose answers the test releases one at a time, in order. */
function heldCalls() {
  const started: { key: string; release: (value: number) => void; fail: (error: Error) => void }[] = [];
  const call = (key: string) =>
    new Promise<number>((release, fail) => {
      started.push({ key, release, fail });
    });
  return { started, call };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('calls shared by callers who ask at once', () => {
  it('makes at most two calls however many ask at once: the one under way and the next', async () => {
    const { started, call } = heldCalls();
    const shared = sharedFreshCalls(call);
    const first = shared('room');
    const others = Array.from({ length: 100 }, () => shared('room'));
    expect(started).toHaveLength(1);
    started[0]?.release(1);
    expect(await first).toBe(1);
    await settle();
    expect(started).toHaveLength(2);
    started[1]?.release(2);
    expect(new Set(await Promise.all(others))).toEqual(new Set([2]));
  });

  it('never answers a caller with a call that was under way before they asked', async () => {
    const { started, call } = heldCalls();
    const shared = sharedFreshCalls(call);
    const early = shared('room');
    const late = [shared('room'), shared('room')];
    expect(started).toHaveLength(1);
    started[0]?.release(1);
    expect(await early).toBe(1);
    await settle();
    // The callers who came during the first call share the second, made after they asked.
    expect(started).toHaveLength(2);
    started[1]?.release(2);
    expect(await Promise.all(late)).toEqual([2, 2]);
  });

  it('passes a failure to those who shared the call, and the next caller tries again', async () => {
    const { started, call } = heldCalls();
    const shared = sharedFreshCalls(call);
    const failing = shared('room');
    started[0]?.fail(new Error('LiveKit is down'));
    await expect(failing).rejects.toThrow('LiveKit is down');
    await settle();
    const again = shared('room');
    expect(started).toHaveLength(2);
    started[1]?.release(3);
    expect(await again).toBe(3);
  });

  it('keeps the calls of different keys apart', async () => {
    const { started, call } = heldCalls();
    const shared = sharedFreshCalls(call);
    const stage = shared('stage');
    const backstage = shared('backstage');
    expect(started.map((s) => s.key)).toEqual(['stage', 'backstage']);
    started[0]?.release(1);
    started[1]?.release(2);
    expect([await stage, await backstage]).toEqual([1, 2]);
  });
});
