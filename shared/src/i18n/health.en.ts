import type { healthMessages as reference } from './health.id.ts';
import type { Translation } from './translation.ts';

/** English messages of the system status panel; the same keys as health.id.ts. */
export const healthMessages: Translation<typeof reference> = {
  status: {
    heading: 'System status',
    checking: 'Checking…',
    ok: 'Working',
    down: 'Unavailable',
    unreachable: 'The server cannot be reached',
    unknown: 'Unknown',
    database: 'Database',
    livekit: 'Media server (LiveKit)',
    overall: 'Overall',
    recheck: 'Check again',
  },
};
