import type { CommunityRow } from '../communities/schema.ts';
import { communityById } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { communityPageUrl, seriesPageUrl } from '../http/page-urls.ts';
import { findSeries, seriesSessions } from '../series/service.ts';
import { type CalendarSource, calendarEntry } from '../sessions/calendar-entry.ts';
import { calendarFeed, sessionIcs } from '../sessions/ics.ts';
import { canSeeSession, isListedPublicly } from '../sessions/rules.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { listCommunitySessions } from '../sessions/service.ts';

export interface CalendarDeps extends CalendarSource {
  db: Database;
  now: () => Date;
}

/** A calendar file with the name a browser saves it under. */
export interface CalendarFile {
  filename: string;
  text: string;
}

/**
 * Feeds are fetched by calendar apps without anyone's cookie, so they hold what anybody may see,
 * whoever asks: one answer per address. Drafts stay out; cancelled sessions stay in as CANCELLED,
 * so a subscribed calendar removes them instead of keeping the old entry.
 */
const anybody = { communityRole: null, sessionRole: null } as const;

/** One session to download and add to a calendar; the caller has already been allowed to see it. */
export async function sessionCalendar(deps: CalendarDeps, session: SessionRow): Promise<CalendarFile> {
  const community = await communityOf(deps.db, session.communityId);
  return {
    filename: `${session.slug}.ics`,
    text: sessionIcs({ ...calendarEntry(session, community, deps), method: 'PUBLISH', generatedAt: deps.now() }),
  };
}

/** The sessions on a community's public page, to subscribe to. */
export async function communityCalendar(deps: CalendarDeps, community: CommunityRow): Promise<CalendarFile> {
  const listed = (await listCommunitySessions(deps.db, community)).filter(isListedPublicly);
  return {
    filename: `${community.slug}.ics`,
    text: calendarFeed({
      name: community.name,
      description: community.description,
      url: communityPageUrl(deps.publicUrl, community.slug),
      events: listed.map((session) => calendarEntry(session, community, deps)),
      generatedAt: deps.now(),
    }),
  };
}

/**
 * A series' sessions, to subscribe to. Unlisted ones are in: the series' address is as hard to
 * guess as theirs. A series with nothing anybody may see is 404, as its page is.
 */
export async function seriesCalendar(deps: CalendarDeps, seriesId: string): Promise<CalendarFile> {
  const series = await findSeries(deps.db, seriesId);
  const visible = (await seriesSessions(deps.db, series.id)).filter((session) => canSeeSession(session, anybody));
  if (visible.length === 0) throw AppError.notFound();
  const community = await communityOf(deps.db, series.communityId);
  return {
    filename: `${fileName(series.title)}.ics`,
    text: calendarFeed({
      name: series.title,
      description: series.description,
      url: seriesPageUrl(deps.publicUrl, series.id),
      events: visible.map((session) => calendarEntry(session, community, deps)),
      generatedAt: deps.now(),
    }),
  };
}

async function communityOf(db: Database, id: string): Promise<CommunityRow> {
  const community = await communityById(db, id);
  if (!community) throw AppError.notFound();
  return community;
}

/** "Sharing Online (Bali)" → "sharing-online-bali": a name every browser saves as given. */
function fileName(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii || 'series';
}
