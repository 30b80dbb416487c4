/**
 * Named timers of the room state: scheduling a name again replaces its timer, and everything
 * stops at once when the room is left, so nothing fires into a page that is gone.
 */
export function createRoomTimers() {
  const named = new Map<string, ReturnType<typeof setTimeout>>();
  const sleeping = new Set<ReturnType<typeof setTimeout>>();

  return {
    schedule(name: string, delayMs: number, run: () => unknown) {
      clearTimeout(named.get(name));
      named.set(
        name,
        setTimeout(
          () => {
            named.delete(name);
            void run();
          },
          // Browsers run a longer delay than 2^31 - 1 ms at once; a far-off doors time waits in steps.
          Math.min(Math.max(delayMs, 0), 2 ** 31 - 1),
        ),
      );
    },
    clear(name: string) {
      clearTimeout(named.get(name));
      named.delete(name);
    },
    /** Resolves after `delayMs`, or never once everything is cleared. */
    sleep(delayMs: number): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          sleeping.delete(timer);
          resolve();
        }, delayMs);
        sleeping.add(timer);
      });
    },
    clearAll() {
      for (const timer of named.values()) clearTimeout(timer);
      for (const timer of sleeping) clearTimeout(timer);
      named.clear();
      sleeping.clear();
    },
  };
}

export type RoomTimers = ReturnType<typeof createRoomTimers>;
