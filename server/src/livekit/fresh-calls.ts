/**
 * Lets callers asking for the same key at once share one call, without ever answering with a
 * result older than the caller: a caller joins the call that starts next, never one already
 * under way (which may have been answered by LiveKit before the caller asked). Everyone arrives
 * in the same two minutes and each join ensures the same room: this turns a hundred
 * createRoom calls queueing at LiveKit into at most two at a time per room, while each join
 * still learns whether the room exists (or LiveKit is down) from a call made after it came.
 */
export function sharedFreshCalls<T>(call: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const running = new Map<string, Promise<unknown>>();
  const next = new Map<string, Promise<T>>();
  const start = (key: string): Promise<T> => {
    next.delete(key);
    const current = call(key);
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    running.set(key, settled);
    void settled.then(() => {
      if (running.get(key) === settled) running.delete(key);
    });
    return current;
  };
  return (key) => {
    const queued = next.get(key);
    if (queued) return queued;
    const under = running.get(key);
    if (!under) return start(key);
    const waiting = under.then(() => start(key));
    next.set(key, waiting);
    return waiting;
  };
}
