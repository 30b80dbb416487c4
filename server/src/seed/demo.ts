/**
 * `pnpm seed:demo [--new-password]`: puts a demo community into the database `pnpm start` uses
 * (same configuration), so there is something to look at. Only the database is opened: no
 * LiveKit, no HTTP server, no mail sent from here; the queued mails and reminders go out
 * (to the dev outbox without SMTP_URL) once Serambi runs.
 */
import { createAuth } from '../accounts/auth.ts';
import { accountMailSender } from '../accounts/mails.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { storedSecret } from '../db/app-secrets.ts';
import { openDatabase } from '../db/client.ts';
import { communityPageUrl, sessionPageUrl } from '../http/page-urls.ts';
import { createJoinLinks } from '../registrations/link-secrets.ts';
import { type DemoResult, seedDemoCommunity } from './demo-community.ts';
import { DEMO } from './demo-people.ts';

/** Pages of the web app (web/src/app/App.tsx): the community's dashboard and reports for organizers, and signing in. */
const dashboardPath = (slug: string) => `/manage/${slug}`;
const sessionReportPath = (slug: string, ref: string) => `/manage/${slug}/sessions/${ref}/report`;
const seriesReportPath = (slug: string, id: string) => `/manage/${slug}/series/${id}/report`;
const SIGN_IN_PATH = '/signin';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

if (config.database.kind === 'pglite' && (await serambiAnswersOn(config))) {
  console.error(
    `Serambi is running on port ${config.port} with PGlite in ${config.database.dir}: stop it first, then seed. ` +
      'PGlite has no lock, and two processes writing one data folder can break it.',
  );
  process.exit(1);
}

const database = await openDatabase(config.database);
try {
  const now = () => new Date();
  const auth = createAuth({
    db: database.db,
    publicUrl: config.publicUrl,
    secureCookies: config.production,
    secret: config.authSecret ?? (await storedSecret(database.db, 'auth')),
    rateLimit: false,
    sendAccountMail: accountMailSender(database.db, now),
  });
  const links = createJoinLinks(await storedSecret(database.db, 'join-links'));
  const result = await seedDemoCommunity(
    { db: database.db, auth, links, publicUrl: config.publicUrl, mailFrom: config.mailFrom, now },
    { newPassword: process.argv.includes('--new-password') },
  );
  console.log(report(config, result));
} finally {
  await database.close();
}

/** Whether something answers Serambi's health check where this configuration would listen. */
async function serambiAnswersOn(config: Config): Promise<boolean> {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  try {
    const response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${config.port}/api/health`, {
      signal: AbortSignal.timeout(1_000),
    });
    return response.status === 200 || response.status === 503;
  } catch {
    // Nothing listening (or not in time): the usual case.
    return false;
  }
}

function report(config: Config, result: DemoResult): string {
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dir}` : 'PostgreSQL (DATABASE_URL)';
  const mail =
    config.smtpUrl || config.production
      ? 'mail goes out through SMTP_URL (demo addresses end in .example and reach nobody)'
      : `${config.publicUrl}/dev/outbox  (mails and reminders appear once Serambi runs)`;
  const password =
    result.password ?? 'the one printed when it was seeded (`pnpm seed:demo --new-password` sets a new one)';
  const lines = [
    result.changed ? `Demo data is in ${where}.` : `Already seeded: nothing added to ${where}.`,
    '',
    `  Community page   ${communityPageUrl(config.publicUrl, result.communitySlug)}`,
    `  First session    ${sessionPageUrl(config.publicUrl, result.firstSessionSlug)}  (${result.registered} registered, ${result.waitlisted} waitlisted)`,
    `  Dashboard        ${config.publicUrl}${dashboardPath(result.communitySlug)}`,
    ...(result.history.latestSlug
      ? [
          `  Session report   ${config.publicUrl}${sessionReportPath(result.communitySlug, result.history.latestSlug)}  (a past session: attendance, feedback, certificates)`,
        ]
      : []),
    `  Series report    ${config.publicUrl}${seriesReportPath(result.communitySlug, result.history.seriesId)}  (${result.history.ended} sessions held)`,
    `  Dev outbox       ${mail}`,
    '',
    `  Sign in at       ${config.publicUrl}${SIGN_IN_PATH}`,
    `  Email            ${DEMO.organizer.email}`,
    `  Password         ${password}`,
    '',
    'Start Serambi with `pnpm start` to open them.',
  ];
  return lines.join('\n');
}
