/** `pnpm livekit:install`: makes sure a LiveKit server binary is available, building it if needed. */
import { liveKitBinaryOf } from '../config.ts';
import { LiveKitUnavailableError, resolveLiveKitBinary } from './binary.ts';

try {
  const binary = await resolveLiveKitBinary({ explicit: liveKitBinaryOf() });
  console.log(`LiveKit server: ${binary}`);
} catch (error) {
  if (!(error instanceof LiveKitUnavailableError)) throw error;
  console.error(error.message);
  process.exit(1);
}
