import type { Locale } from '@serambi/shared';
import type { Logger } from 'pino';

/** What every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    locale: Locale;
  };
}
