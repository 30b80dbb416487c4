import { drizzleAdapter } from '@better-auth/drizzle-adapter';
import { isLocale, LOCALES, type Locale } from '@serambi/shared';
import { betterAuth } from 'better-auth/minimal';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { rateLimits } from '../http/schema.ts';
import { libraryLogger } from '../logger.ts';
import { accounts, authSessions, users, verifications } from './schema.ts';

/**
 * The header the app writes the client's address into (from `clientAddress`, which knows which
 * X-Forwarded-For entry a proxy vouches for) before handing a request to better-auth. better-auth
 * would otherwise read X-Forwarded-For itself: a client could write any address there and get a
 * fresh limit per request, and behind a proxy (two entries) it would fall back to one bucket
 * shared by everybody. The app always overwrites this header, so a client cannot set it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-serambi-client-address';

export type AccountMailKind = 'verify-email' | 'reset-password';

/** Sends one account mail (verification, password reset) to a person in their language. */
export type SendAccountMail = (
  kind: AccountMailKind,
  to: { email: string; name: string; locale: Locale },
  url: string,
) => Promise<void>;

export interface AuthDependencies {
  db: Database;
  publicUrl: string;
  /** Secure cookies with the `__Secure-` prefix: in production (`config.production`, PUBLIC_URL is https there). */
  secureCookies: boolean;
  /** AUTH_SECRET when configured; otherwise one is made and kept in the database. */
  secret: string;
  sendAccountMail: SendAccountMail;
  /**
   * better-auth's per-client limits (3 sign-ups or sign-ins per 10 s, 100 other auth requests a
   * minute), counted in the database so they hold across instances. Off only in NODE_ENV=test,
   * where every caller is 127.0.0.1 (RATE_LIMITS=on turns them on for one test app).
   */
  rateLimit: boolean;
  /** More origins people sign in from: in development, Vite's dev server (`pnpm dev`; see `appOrigins`). */
  extraTrustedOrigins?: string[];
  /** Where better-auth's warnings and errors go (the console when absent). */
  log?: Logger;
}

/**
 * better-auth over our drizzle tables: email and password, verification and reset by mail,
 * database sessions in an HttpOnly, SameSite=Lax cookie (Secure in production).
 * Mounted at /api/auth/*.
 */
export function createAuth(deps: AuthDependencies) {
  return betterAuth({
    appName: 'Serambi',
    baseURL: deps.publicUrl,
    basePath: '/api/auth',
    secret: deps.secret,
    // The app's origins, and the one a request was sent to (the app reached directly, as the tests
    // and a same-machine proxy do): an attacker's page cannot send our cookie to its own host.
    trustedOrigins: (request) => [
      deps.publicUrl,
      ...(deps.extraTrustedOrigins ?? []),
      ...(request ? [new URL(request.url).origin] : []),
    ],
    database: drizzleAdapter(deps.db, {
      provider: 'pg',
      usePlural: true,
      schema: { users, sessions: authSessions, accounts, verifications, rateLimits },
    }),
    user: {
      additionalFields: {
        locale: {
          type: 'string',
          required: false,
          defaultValue: 'id',
          input: true,
          validator: { input: z.enum(LOCALES) },
        },
      },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      // Organizers may start right away; the verification mail still goes out on sign-up.
      requireEmailVerification: false,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => deps.sendAccountMail('reset-password', recipient(user), url),
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user, url }) => deps.sendAccountMail('verify-email', recipient(user), url),
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    advanced: {
      useSecureCookies: deps.secureCookies,
      cookiePrefix: 'serambi',
      database: { generateId: () => crypto.randomUUID() },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // better-auth skips its origin (CSRF) check when NODE_ENV=test; the tests must see what production does.
      disableOriginCheck: false,
    },
    rateLimit: { enabled: deps.rateLimit, window: 60, max: 100, storage: 'database' },
    telemetry: { enabled: false },
    // Through our logger, so a failed query's values (a session token) stay out of the logs.
    ...(deps.log ? { logger: libraryLogger(deps.log) } : {}),
  });
}

export type Auth = ReturnType<typeof createAuth>;

function recipient(user: { email: string; name: string } & Record<string, unknown>) {
  return { email: user.email, name: user.name, locale: isLocale(user.locale) ? user.locale : 'id' };
}
