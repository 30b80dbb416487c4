import type { Locale } from '@serambi/shared';
import type { Logger } from 'pino';

/** Who is asking, as far as the server knows from the session cookie. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

/** What every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    locale: Locale;
    /** Set on /api routes; null when nobody is signed in. */
    user: SessionUser | null;
    /** Who is asking, past trusted proxies (`http/client-address.ts`); for per-client limits. */
    clientAddress: string;
  };
}
