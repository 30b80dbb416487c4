/** `pnpm start`: runs Serambi until Ctrl-C, then stops everything it started. */
import { ConfigError, loadConfig } from './config.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { LiveKitUnavailableError } from './livekit/binary.ts';
import { createLogger } from './logger.ts';
import { startServer } from './start.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const log = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY && !config.production });

try {
  const server = await startServer(config, log);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping');
    await server.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (
    error instanceof LiveKitUnavailableError ||
    error instanceof DataDirInUseError ||
    (error instanceof Error && error.message.startsWith('PORT '))
  ) {
    console.error(error.message);
  } else {
    log.error({ err: error }, 'Serambi could not start');
  }
  process.exit(1);
}
