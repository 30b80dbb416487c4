import { eq, inArray } from 'drizzle-orm';
import type { CertificateDeps } from '../certificates/deps.ts';
import { issueOnce } from '../certificates/issue.ts';
import { seriesProgramRow, updateSeriesProgram } from '../certificates/programs.ts';
import { certificates } from '../certificates/schema.ts';
import { findCertificate, issueByHand, reissue, revoke } from '../certificates/service.ts';
import type { SessionUser } from '../http/env.ts';
import { sessionRooms } from '../room/schema.ts';
import type { SeriesRow } from '../series/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { DEMO } from './demo-people.ts';

const MINUTE = 60_000;
const MIN_PERCENT = 75;
const MIN_SESSIONS = 3;

/**
 * The past series' certificates as its rule would have issued them, through the certificates
 * capability's own functions: a program for the series (75% of a session; 3 of its 5 sessions
 * for the series certificate), one certificate per eligible attendee of each ended session,
 * judged on the attendance report itself, and series certificates after the session that
 * completed someone's third. Then what organizers do by hand: a misspelled name corrected,
 * one certificate revoked, one issued to someone who watched on a shared screen. No mail is
 * queued (these went out weeks ago): each is marked mailed.
 */
export async function seedDemoCertificates(
  deps: CertificateDeps,
  seriesRow: SeriesRow,
  ended: SessionRow[],
  organizer: SessionUser,
): Promise<boolean> {
  const { db } = deps;
  if (await seriesProgramRow(db, seriesRow.id)) return false;
  const at = (instant: Date) => ({ ...deps, now: () => instant });
  const firstStart = ended[0]?.startsAt ?? deps.now();
  await updateSeriesProgram(
    db,
    seriesRow,
    {
      enabled: true,
      minAttendancePercent: MIN_PERCENT,
      requireFeedback: false,
      minSessions: MIN_SESSIONS,
      title: null,
      locale: 'id',
      logo: null,
      signatories: [
        { name: DEMO.organizer.name, title: 'Ketua Komunitas Bisnis Bali', signature: null },
        { name: DEMO.moderator.name, title: 'Moderator', signature: null },
      ],
    },
    new Date(firstStart.getTime() - 3 * 24 * 60 * MINUTE),
  );

  const rooms = await db
    .select()
    .from(sessionRooms)
    .where(
      inArray(
        sessionRooms.sessionId,
        ended.map((session) => session.id),
      ),
    );
  const earned = new Map<string, number>();
  for (const session of ended) {
    const endedAt = rooms.find((room) => room.sessionId === session.id)?.endedAt ?? session.startsAt;
    const issuedAt = new Date(endedAt.getTime() + 3 * MINUTE);
    const report = await deps.attendanceReportOf({ db, now: deps.now }, session.id);
    const eligible = report.people.filter((person) => person.role === 'participant' && person.percent >= MIN_PERCENT);
    for (const person of eligible) {
      const holder = {
        communityId: seriesRow.communityId,
        email: person.key,
        name: person.name,
        registrationId: person.registrationId,
        locale: 'id' as const,
        origin: 'rule' as const,
        issuedBy: null,
      };
      await markMailed(deps, await issueOnce(at(issuedAt), { ...holder, sessionId: session.id }, { notify: false }));
      const count = (earned.get(person.key) ?? 0) + 1;
      earned.set(person.key, count);
      if (count === MIN_SESSIONS) {
        const seriesIssuedAt = new Date(issuedAt.getTime() + MINUTE);
        const values = { ...holder, registrationId: null, seriesId: seriesRow.id };
        await markMailed(deps, await issueOnce(at(seriesIssuedAt), values, { notify: false }));
      }
    }
  }

  const latest = ended.at(-1);
  if (latest) await organizerCorrections(deps, latest, organizer);
  return true;
}

/** On the latest session, the next morning: a name corrected (re-issue), a certificate revoked, one issued by hand. */
async function organizerCorrections(deps: CertificateDeps, session: SessionRow, organizer: SessionUser) {
  const morning = new Date(session.startsAt.getTime() + 14 * 60 * MINUTE);
  const at = (minutes: number) => ({ ...deps, now: () => new Date(morning.getTime() + minutes * MINUTE) });
  const issued = await deps.db.select().from(certificates).where(eq(certificates.sessionId, session.id));
  const [misspelled, mistaken] = issued;
  if (misspelled) {
    // It had gone out with a letter missing; the holder wrote back.
    const typo = misspelled.name.replace(/a(?=[^a]*$)/, '');
    await deps.db.update(certificates).set({ name: typo }).where(eq(certificates.id, misspelled.id));
    const corrected = await reissue(
      at(0),
      { ...misspelled, name: typo },
      { name: misspelled.name, notify: false },
      organizer,
    );
    await markMailed(deps, await findCertificate(deps.db, corrected.id));
  }
  if (mistaken) {
    await revoke(
      at(6),
      mistaken,
      'Terbit untuk perangkat yang dipakai bersama; diganti sertifikat atas nama yang benar.',
      organizer,
    );
  }
  const byHand = await issueByHand(
    at(9),
    session,
    { name: 'Wayan Sudarsana', email: 'wayan.sudarsana@peserta.example', notify: false },
    organizer,
  );
  await markMailed(deps, await findCertificate(deps.db, byHand.id));
}

/** The demo mails nothing: a certificate "went out" a minute after it was issued. */
async function markMailed(deps: CertificateDeps, row: { id: string; issuedAt: Date } | null) {
  if (!row) return;
  await deps.db
    .update(certificates)
    .set({ mailedAt: new Date(row.issuedAt.getTime() + MINUTE) })
    .where(eq(certificates.id, row.id));
}
