/**
 * A supervisor's beat every `intervalMs`: never two at once (a beat still running skips the
 * next), a failed beat is reported and the next one comes, and `stop` waits for the one running.
 */
export function createHeartbeat(beat: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void) {
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> | undefined;
  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (beating) return;
        beating = beat()
          .catch(onError)
          .finally(() => {
            beating = undefined;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await beating;
    },
  };
}
