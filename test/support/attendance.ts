import { randomBytes } from 'node:crypto';
import { attendanceIntervals } from '@serambi/server/attendance/schema.ts';
import type { AttendanceReport, Attendee, Series, SeriesAnalytics } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { type Caller, signUp } from './accounts.ts';
import type { TestApp } from './app.ts';

/** An email of our own for someone who comes to several sessions (aRegistrant makes a new one each time). */
export const anEmail = (name: string) =>
  `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@example.id`;

/** Registers `person` for a session through the organizer's invitation; their personal link's secret. */
export async function anInvitee(
  app: TestApp,
  organizer: Caller,
  session: { id: string; slug: string },
  person: { name: string; email: string },
): Promise<string> {
  const response = await organizer.request(`/api/sessions/${session.slug}/invitations`, {
    method: 'POST',
    body: person,
  });
  if (response.status !== 201) throw new Error(`invitation: ${response.status} ${await response.text()}`);
  const row = await app.context.db.query.registrations.findFirst({
    where: (r, { and, eq }) => and(eq(r.sessionId, session.id), eq(r.email, person.email)),
  });
  if (!row) throw new Error('registration row missing');
  return app.context.links.secretFor(row.id, row.linkGeneration);
}

export async function attendanceSeenBy(organizer: Caller, sessionSlug: string): Promise<AttendanceReport> {
  const response = await organizer.request(`/api/sessions/${sessionSlug}/report/attendance`);
  if (response.status !== 200) throw new Error(`attendance: ${response.status} ${await response.text()}`);
  return (await response.json()) as AttendanceReport;
}

export async function seriesReportSeenBy(organizer: Caller, seriesId: string): Promise<SeriesAnalytics> {
  const response = await organizer.request(`/api/series/${seriesId}/report`);
  if (response.status !== 200) throw new Error(`series report: ${response.status} ${await response.text()}`);
  return (await response.json()) as SeriesAnalytics;
}

export function personIn(report: AttendanceReport, email: string): Attendee {
  const found = report.people.find((p) => p.email === email.toLowerCase());
  if (!found) throw new Error(`${email} is not in the report: ${report.people.map((p) => p.email).join(', ')}`);
  return found;
}

/** The stored connections of a session (one row per LiveKit connection). */
export function intervalsOf(app: TestApp, sessionId: string) {
  return app.context.db.select().from(attendanceIntervals).where(eq(attendanceIntervals.sessionId, sessionId));
}

/** A participant webhook shaped as LiveKit v1.13 sends it (times as strings of whole seconds, the join also in ms). */
export function participantWebhook(
  name: 'participant_joined' | 'participant_left',
  sessionId: string,
  participant: { identity: string; sid: string; joinedAtMs: number },
  createdAtSeconds: number,
) {
  return {
    event: name,
    id: `EV_${randomBytes(6).toString('hex')}`,
    createdAt: String(createdAtSeconds),
    room: { sid: 'RM_attendance', name: sessionId },
    participant: {
      sid: participant.sid,
      identity: participant.identity,
      state: name === 'participant_left' ? 'DISCONNECTED' : 'ACTIVE',
      joinedAt: String(Math.floor(participant.joinedAtMs / 1000)),
      joinedAtMs: String(participant.joinedAtMs),
    },
  };
}

/** A community with a weekly series of three sessions starting tomorrow at 20:00 WITA, run by Ayu. */
export async function aSeriesSetup(app: TestApp): Promise<{ organizer: Caller; series: Series }> {
  const organizer = await signUp(app.url, { name: 'Ayu Lestari' });
  const slug = `komunitas-${randomBytes(3).toString('hex')}`;
  await organizer.request('/api/communities', {
    method: 'POST',
    body: { name: 'Komunitas Seri', slug, timeZone: 'Asia/Makassar' },
  });
  const created = await organizer.request(`/api/communities/${slug}/series`, {
    method: 'POST',
    body: {
      title: 'Sharing Online',
      schedule: {
        firstDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
        startTime: '20:00',
        timeZone: 'Asia/Makassar',
        rule: { kind: 'weekly' },
        end: { kind: 'count', count: 3 },
      },
    },
  });
  if (created.status !== 201) throw new Error(`series not created: ${created.status} ${await created.text()}`);
  return { organizer, series: (await created.json()) as Series };
}
