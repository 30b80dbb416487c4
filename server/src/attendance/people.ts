import type { AttendanceReport, Attendee, AttendeeRole } from '@serambi/shared';
import {
  type Connection,
  clip,
  liveSpanOf,
  mergeConnections,
  peakOf,
  percentOf,
  type Span,
  totalMs,
  viewersOverTime,
  wholeMinutes,
  wholeSeconds,
} from './report.ts';

/** Everything a session's attendance report is made of, as loaded from the database. */
export interface AttendanceFacts {
  sessionId: string;
  liveAt: Date | null;
  endedAt: Date | null;
  now: Date;
  registrations: Array<{ id: string; name: string; email: string; status: string }>;
  /** The room's people by LiveKit identity (`r_<registration>`, `u_<user>`). */
  participants: Array<{
    identity: string;
    name: string;
    email: string;
    role: AttendeeRole;
    registrationId: string | null;
  }>;
  intervals: Array<{ identity: string; joinedAt: Date; leftAt: Date | null }>;
  /** Lower-cased emails of those who answered the feedback form. */
  feedbackEmails: ReadonlySet<string>;
}

const ROLE_RANK: Record<AttendeeRole, number> = { participant: 0, speaker: 1, moderator: 2 };
const byName = new Intl.Collator('id', { sensitivity: 'base' });

interface Person {
  key: string;
  name: string | null;
  /** The name of their highest-ranked room identity, when no registration names them. */
  roomName: string | null;
  email: string;
  role: AttendeeRole;
  registrationId: string | null;
  registered: boolean;
  connections: Connection[];
}

/**
 * The attendance report of a session. People are keyed by lower-cased email, so someone who
 * came in by join link and signed in (two identities) is one person; their role is the highest
 * of their identities. The counts (registered, attended, rate, peak, average, timeline) are of
 * the audience; speakers and moderators are listed with their role. Registrants who never came
 * are listed too; waitlisted or cancelled ones only if they were in the room.
 */
export function attendanceReportFrom(facts: AttendanceFacts): AttendanceReport {
  const people = gatherPeople(facts);
  const live = liveSpanOf(facts.liveAt, facts.endedAt, facts.now);
  const liveMs = live ? live.to - live.from : 0;
  const openUntil = (facts.endedAt ?? facts.now).getTime();

  const attendees: Array<{ attendee: Attendee; spans: Span[] }> = [...people.values()]
    .filter((person) => person.registered || person.connections.length > 0)
    .map((person) => {
      const spans = live ? clip(mergeConnections(person.connections, openUntil), live) : [];
      const ms = totalMs(spans);
      const gaveFeedback = facts.feedbackEmails.has(person.key);
      return { attendee: attendeeOf(person, { ms, liveMs, endedAt: facts.endedAt, gaveFeedback }), spans };
    })
    .sort((a, b) => byName.compare(a.attendee.name, b.attendee.name) || a.attendee.key.localeCompare(b.attendee.key));

  const audience = attendees.filter(({ attendee }) => attendee.role === 'participant');
  const present = audience.filter(({ attendee }) => attendee.attended);
  const registered = audience.filter(({ attendee }) => attendee.registered).length;
  const registeredPresent = present.filter(({ attendee }) => attendee.registered).length;
  const audienceSpans = audience.map(({ spans }) => spans);
  const peak = live ? peakOf(audienceSpans, live) : { viewers: 0, at: null };
  const presentMs = present.reduce((sum, { spans }) => sum + totalMs(spans), 0);

  return {
    sessionId: facts.sessionId,
    liveAt: facts.liveAt?.toISOString() ?? null,
    endedAt: facts.endedAt?.toISOString() ?? null,
    liveMinutes: wholeMinutes(liveMs),
    registered,
    attended: present.length,
    attendanceRate: registered > 0 ? percentOf(registeredPresent, registered) : null,
    peakViewers: peak.viewers,
    peakAt: peak.at === null ? null : new Date(peak.at).toISOString(),
    averageMinutes: present.length > 0 ? wholeMinutes(presentMs / present.length) : 0,
    timeline: live ? viewersOverTime(audienceSpans, live) : [],
    people: attendees.map(({ attendee }) => attendee),
  };
}

function gatherPeople(facts: AttendanceFacts): Map<string, Person> {
  const people = new Map<string, Person>();
  const personOf = (email: string) => {
    const key = email.trim().toLowerCase();
    let person = people.get(key);
    if (!person) {
      person = {
        key,
        name: null,
        roomName: null,
        email: key,
        role: 'participant',
        registrationId: null,
        registered: false,
        connections: [],
      };
      people.set(key, person);
    }
    return person;
  };

  for (const registration of facts.registrations) {
    const person = personOf(registration.email);
    person.registrationId = registration.id;
    person.name = registration.name;
    person.registered = registration.status === 'registered';
  }
  const byIdentity = new Map<string, Person>();
  const ranked = [...facts.participants].sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role]);
  for (const participant of ranked) {
    const person = personOf(participant.email);
    byIdentity.set(participant.identity, person);
    if (ROLE_RANK[participant.role] > ROLE_RANK[person.role]) person.role = participant.role;
    person.roomName ??= participant.name;
    person.registrationId ??= participant.registrationId;
  }
  for (const interval of facts.intervals) {
    // Identities nobody let in (Serambi's own recorder) are nobody's attendance.
    byIdentity.get(interval.identity)?.connections.push({
      from: interval.joinedAt.getTime(),
      to: interval.leftAt?.getTime() ?? null,
    });
  }
  return people;
}

function attendeeOf(
  person: Person,
  facts: { ms: number; liveMs: number; endedAt: Date | null; gaveFeedback: boolean },
): Attendee {
  const { ms, liveMs, endedAt, gaveFeedback } = facts;
  const { connections } = person;
  const firstJoined = connections.length > 0 ? Math.min(...connections.map((c) => c.from)) : null;
  const stillOpen = connections.some((c) => c.to === null);
  const lastLeft = stillOpen
    ? (endedAt?.getTime() ?? null)
    : connections.length > 0
      ? Math.max(...connections.map((c) => c.to ?? 0))
      : null;
  return {
    key: person.key,
    name: person.name ?? person.roomName ?? person.email,
    email: person.email,
    role: person.role,
    registrationId: person.registrationId,
    registered: person.registered,
    attended: ms > 0,
    minutes: wholeMinutes(ms),
    seconds: wholeSeconds(ms),
    percent: percentOf(ms, liveMs),
    connections: connections.length,
    firstJoinedAt: firstJoined === null ? null : new Date(firstJoined).toISOString(),
    lastLeftAt: lastLeft === null ? null : new Date(lastLeft).toISOString(),
    gaveFeedback,
  };
}
