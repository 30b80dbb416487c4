import { createSeriesRequestSchema } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { loadCertificateFonts } from '../certificates/fonts.ts';
import type { CommunityRow } from '../communities/schema.ts';
import { attendanceReportOf } from '../compose.ts';
import type { Database } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import { createLogger } from '../logger.ts';
import { createMailer } from '../notifications/mailer.ts';
import type { JoinLinks } from '../registrations/link-secrets.ts';
import { sessionRooms } from '../room/schema.ts';
import { series } from '../series/schema.ts';
import { createSeries, seriesSessions } from '../series/service.ts';
import { seedDemoCertificates } from './demo-certificates.ts';
import { HISTORY, HISTORY_SPEAKERS, seededRandom } from './demo-history-content.ts';
import { DEMO, demoRegistrants } from './demo-people.ts';
import { playPastSession } from './demo-session-history.ts';
import { addMissingSpeakers } from './demo-speakers.ts';

export interface HistoryResult {
  changed: boolean;
  seriesId: string;
  /** The latest session that took place: the one whose report is worth opening first. */
  latestSlug: string | null;
  ended: number;
}

/**
 * A series that already ran, so the reports have something to show: five weekly evening
 * classes, the first four in the past and played out (registrations, attendance with late
 * comers and reconnects, questions, feedback, certificates), the fifth next week. No mail goes
 * out for it: these people "received" theirs weeks ago. A second run adds nothing.
 */
export async function seedDemoHistory(
  deps: { db: Database; links: JoinLinks; now: () => Date; publicUrl: string; mailFrom: string },
  community: CommunityRow,
  organizer: SessionUser,
): Promise<HistoryResult> {
  const { db } = deps;
  let changed = false;
  let [row] = await db
    .select()
    .from(series)
    .where(and(eq(series.communityId, community.id), eq(series.title, HISTORY.seriesTitle)));
  if (!row) {
    const input = createSeriesRequestSchema.parse(historySeries(deps.now()));
    const created = await createSeries(db, community, input, deps.now());
    row = created.series;
    changed = true;
  }

  const sessions = await seriesSessions(db, row.id);
  if ((await addMissingSpeakers(db, sessions, HISTORY_SPEAKERS)).length > 0) changed = true;

  // The same people are keen (or not) across the series, so some come back and some never do.
  const keenness = demoRegistrants().map((_, n) => seededRandom(1000 + n)());
  const now = deps.now().getTime();
  const past = sessions.filter((session) => session.startsAt.getTime() + session.durationMinutes * 60_000 < now);
  for (const [index, session] of past.entries()) {
    const [played] = await db.select().from(sessionRooms).where(eq(sessionRooms.sessionId, session.id));
    if (played) continue;
    await playPastSession(deps, session, {
      index,
      keenness,
      random: seededRandom(7 + index),
      feedbackForm: index === past.length - 1,
    });
    changed = true;
  }

  const ended = (await seriesSessions(db, row.id)).filter((session) => session.status === 'ended');
  changed = (await seedDemoCertificates(certificateDeps(deps), row, ended, organizer)) || changed;
  return { changed, seriesId: row.id, latestSlug: ended.at(-1)?.slug ?? null, ended: ended.length };
}

/** What the certificates capability works with; its mailer only queues (to the dev outbox), and nothing is queued here. */
function certificateDeps(deps: {
  db: Database;
  links: JoinLinks;
  now: () => Date;
  publicUrl: string;
  mailFrom: string;
}) {
  const log = createLogger({ level: 'warn', pretty: false });
  return {
    db: deps.db,
    links: deps.links,
    now: deps.now,
    publicUrl: deps.publicUrl,
    log,
    fonts: loadCertificateFonts(log),
    attendanceReportOf,
    mailer: createMailer({ smtpUrl: undefined, from: deps.mailFrom, db: deps.db, log, now: deps.now }),
  };
}

/** Wednesdays at 19.30 WITA, five times: the first four before today, the fifth after. */
function historySeries(now: Date) {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(DEMO.timeZone).toPlainDate();
  // dayOfWeek: Monday 1 … Sunday 7; the last Wednesday strictly before today.
  const back = (today.dayOfWeek - 3 + 7) % 7 || 7;
  const lastWednesday = today.subtract({ days: back });
  return {
    title: HISTORY.seriesTitle,
    description: HISTORY.seriesDescription,
    schedule: {
      firstDate: lastWednesday.subtract({ weeks: HISTORY.sessions - 2 }).toString(),
      startTime: HISTORY.startTime,
      timeZone: DEMO.timeZone,
      rule: { kind: 'weekly' },
      end: { kind: 'count', count: HISTORY.sessions },
    },
    durationMinutes: HISTORY.durationMinutes,
    capacity: HISTORY.capacity,
    questions: [DEMO.question],
    people: [DEMO.moderator],
  };
}
