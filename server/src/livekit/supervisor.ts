import type { Logger } from 'pino';
import { type LocalLiveKit, type LocalLiveKitOptions, startLocalLiveKit } from './local-server.ts';

/** Time before a crashed LiveKit is started again, and between attempts while it will not start. */
const RESTART_DELAY_MS = 2_000;

export interface SupervisedLiveKit {
  /** The LiveKit process running now (its pid changes after a restart; its URL and keys do not). */
  readonly current: LocalLiveKit;
  stop(): Promise<void>;
}

/**
 * Runs the local LiveKit and starts it again on the same ports if it dies, so rooms come back
 * without restarting Serambi: clients reconnect, join again, and the server recreates the rooms
 * from the database's state. While it is down, joins answer 503.
 */
export async function superviseLocalLiveKit(options: LocalLiveKitOptions, log: Logger): Promise<SupervisedLiveKit> {
  let current = await startLocalLiveKit(options);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const restart = async () => {
    if (stopping) return;
    try {
      const started = await startLocalLiveKit({ ...options, ports: current.ports });
      if (stopping) {
        // Serambi is stopping while this one came up: take it down too.
        await started.stop();
        return;
      }
      current = started;
      log.info({ pid: current.pid, url: current.url }, 'local LiveKit server restarted');
      watch(current);
    } catch (error) {
      log.error({ err: error }, 'local LiveKit server did not start again; retrying');
      timer = setTimeout(() => {
        restarting = restart();
      }, RESTART_DELAY_MS);
    }
  };
  const watch = (server: LocalLiveKit) => {
    void server.exited.then((code) => {
      if (stopping || server !== current) return;
      log.error({ code, pid: server.pid, log: server.logFile }, 'local LiveKit server stopped; starting it again');
      timer = setTimeout(() => {
        restarting = restart();
      }, RESTART_DELAY_MS);
    });
  };
  watch(current);

  return {
    get current() {
      return current;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await restarting;
      await current.stop();
    },
  };
}
