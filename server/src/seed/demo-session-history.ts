import { and, eq } from 'drizzle-orm';
import { attendanceIntervals } from '../attendance/schema.ts';
import { checkCertificatesAfterFeedback } from '../certificates/issue.ts';
import type { Database } from '../db/client.ts';
import { submitFeedback, updateFeedbackForm } from '../feedback/service.ts';
import { questions, questionVotes } from '../qa/schema.ts';
import { insertQuestion } from '../qa/service.ts';
import type { JoinLinks } from '../registrations/link-secrets.ts';
import { register } from '../registrations/service.ts';
import { roomParticipants, sessionRooms } from '../room/schema.ts';
import { type SessionRow, sessionPeople, sessions } from '../sessions/schema.ts';
import { HISTORY_COMMENTS, HISTORY_QUESTIONS, NEXT_TOPIC_QUESTION } from './demo-history-content.ts';
import { demoRegistrants } from './demo-people.ts';

const MINUTE = 60_000;
/** How each past session fared: the first drew a crowd, the second (poor sound) kept fewer of them. */
const REGISTERING = [1.15, 1, 0.85, 0.95];
const TURNING_UP = [1.15, 0.8, 1, 1.05];

export interface PlayDeps {
  db: Database;
  links: JoinLinks;
}

/** How keen each of the forty demo people is: the same person tends to come back, or not. */
export type Keenness = readonly number[];

/**
 * Plays one past session of the demo as if it had happened: people register, the room goes
 * live a few minutes late, people come and go (some late, some early, some reconnecting, one
 * on two devices), questions are asked and voted, the session ends, and some attendees send
 * feedback. Registrations, questions and feedback go through their services; the room, its
 * participants and the attendance intervals (what LiveKit's webhooks would have written) go
 * into their tables.
 */
export async function playPastSession(
  deps: PlayDeps,
  session: SessionRow,
  options: { index: number; keenness: Keenness; random: () => number; feedbackForm: boolean },
): Promise<void> {
  const { db } = deps;
  const { random, keenness } = options;
  const people = demoRegistrants();

  const registered: Array<{ id: string; name: string; email: string; keen: number }> = [];
  for (const [n, person] of people.entries()) {
    const keen = keenness[n] ?? 0.5;
    if (random() > (0.45 + 0.5 * keen) * (REGISTERING[options.index] ?? 1)) continue;
    // Registered in the days before, not today.
    const registeredAt = new Date(session.startsAt.getTime() - (1 + random() * 9) * 24 * 60 * MINUTE);
    const result = await register(db, deps.links, session, person, person.locale, registeredAt);
    registered.push({ id: result.registration.id, name: person.name, email: person.email, keen });
  }

  const liveAt = new Date(session.startsAt.getTime() + (2 + Math.floor(random() * 4)) * MINUTE);
  const endedAt = new Date(liveAt.getTime() + (session.durationMinutes - 4 + Math.floor(random() * 9)) * MINUTE);
  const reactionTotals = { clap: 20 + Math.floor(random() * 40), heart: Math.floor(random() * 25), thumbs_up: 12 };
  const [room] = await db
    .insert(sessionRooms)
    .values({ sessionId: session.id, liveAt, endedAt, reactionTotals })
    .returning();
  if (!room) throw new Error('session room not inserted');

  // The team: in the room from before going live to the end.
  const team = await db.select().from(sessionPeople).where(eq(sessionPeople.sessionId, session.id));
  for (const person of team) {
    const identity = `u_demo-${person.email.split('@')[0]}`;
    await db.insert(roomParticipants).values({
      sessionId: session.id,
      identity,
      name: person.name,
      email: person.email,
      role: person.role,
      title: person.title,
      firstJoinedAt: new Date(liveAt.getTime() - 12 * MINUTE),
      lastSeenAt: endedAt,
    });
    await db.insert(attendanceIntervals).values({
      sessionId: session.id,
      identity,
      connectionSid: connectionSid(random),
      joinedAt: new Date(liveAt.getTime() - 12 * MINUTE),
      leftAt: endedAt,
    });
  }

  const attendees = registered.filter(
    (person) => random() < (0.3 + 0.65 * person.keen) * (TURNING_UP[options.index] ?? 1),
  );
  for (const person of attendees) {
    const identity = `r_${person.id}`;
    const stays = staysOf(liveAt.getTime(), endedAt.getTime(), random);
    await db.insert(roomParticipants).values({
      sessionId: session.id,
      identity,
      name: person.name,
      email: person.email,
      role: 'participant',
      registrationId: person.id,
      firstJoinedAt: new Date(stays[0]?.from ?? liveAt.getTime()),
      lastSeenAt: new Date(Math.max(...stays.map((stay) => stay.to))),
    });
    for (const stay of stays) {
      await db.insert(attendanceIntervals).values({
        sessionId: session.id,
        identity,
        connectionSid: connectionSid(random),
        joinedAt: new Date(stay.from),
        leftAt: new Date(stay.to),
      });
    }
  }

  await askQuestions(db, room, attendees, options, liveAt);
  await db.update(sessions).set({ status: 'ended', updatedAt: endedAt }).where(eq(sessions.id, session.id));
  const [ended] = await db.select().from(sessions).where(eq(sessions.id, session.id));
  if (!ended) throw new Error('session vanished');
  await giveFeedback(db, ended, attendees, endedAt, options);
}

/** A person's connections: a join (some early, some late), a leave, and now and then a reconnect or a second device. */
function staysOf(liveAt: number, endedAt: number, random: () => number): Array<{ from: number; to: number }> {
  const roll = random();
  const join =
    roll < 0.25
      ? liveAt - (1 + Math.floor(random() * 8)) * MINUTE
      : roll < 0.8
        ? liveAt + Math.floor(random() * 7) * MINUTE + Math.floor(random() * 50_000)
        : liveAt + (10 + Math.floor(random() * 16)) * MINUTE;
  const leaveRoll = random();
  const span = endedAt - liveAt;
  const leave =
    leaveRoll < 0.7
      ? endedAt
      : leaveRoll < 0.9
        ? liveAt + span * (0.6 + random() * 0.3)
        : liveAt + span * (0.25 + random() * 0.25);
  const from = join;
  const to = Math.max(leave, from + 5 * MINUTE);
  const extra = random();
  if (extra < 0.2) {
    // Lost the connection for a few minutes, then came back.
    const drop = from + (to - from) * (0.3 + random() * 0.4);
    const back = drop + (1 + Math.floor(random() * 4)) * MINUTE;
    return [
      { from, to: drop },
      { from: Math.min(back, to - MINUTE), to },
    ];
  }
  if (extra < 0.25) {
    // Opened the session on the phone too, for a while.
    const phone = from + (to - from) * 0.4;
    return [
      { from, to },
      { from: phone, to: phone + 10 * MINUTE },
    ];
  }
  return [{ from, to }];
}

function connectionSid(random: () => number): string {
  return `PA_demo${Math.floor(random() * 2 ** 48).toString(36)}`;
}

type Attendee = { id: string; name: string; email: string };

async function askQuestions(
  db: Database,
  room: typeof sessionRooms.$inferSelect,
  attendees: Attendee[],
  options: { index: number; random: () => number },
  liveAt: Date,
): Promise<void> {
  const texts = HISTORY_QUESTIONS[options.index] ?? [];
  if (attendees.length === 0) return;
  for (const [n, text] of texts.entries()) {
    const asker = attendees[Math.floor(options.random() * attendees.length)] ?? attendees[0];
    if (!asker) continue;
    const askedAt = new Date(liveAt.getTime() + (8 + n * 5) * MINUTE);
    const author = { identity: `r_${asker.id}`, name: asker.name, role: 'participant' as const };
    const { row } = await db.transaction((tx) => insertQuestion(tx, room, author, { text, anonymous: false }, askedAt));
    const voters = attendees.filter((other) => other.id !== asker.id && options.random() < 0.35);
    for (const voter of voters) {
      await db
        .insert(questionVotes)
        .values({ questionId: row.id, identity: `r_${voter.id}`, sessionId: room.sessionId, at: askedAt });
    }
    const answered = n < texts.length - 1;
    await db
      .update(questions)
      .set({
        votes: voters.length,
        status: answered ? 'answered' : 'open',
        answeredAt: answered ? new Date(askedAt.getTime() + (2 + Math.floor(options.random() * 4)) * MINUTE) : null,
      })
      .where(and(eq(questions.id, row.id), eq(questions.sessionId, room.sessionId)));
  }
}

/** Some attendees rate the session after it ends; the latest session also asks what to learn next. */
async function giveFeedback(
  db: Database,
  session: SessionRow,
  attendees: Attendee[],
  endedAt: Date,
  options: { index: number; random: () => number; feedbackForm: boolean },
): Promise<void> {
  let clock = endedAt.getTime();
  const deps = { db, now: () => new Date(clock), whileAnsweringAfterEnd: checkCertificatesAfterFeedback };
  if (options.feedbackForm) {
    await updateFeedbackForm(deps, session, { enabled: true, questions: [NEXT_TOPIC_QUESTION] });
  }
  // The second session's sound was poor: its ratings are lower.
  const lean = options.index === 1 ? -0.9 : 0.2;
  for (const person of attendees) {
    if (options.random() > 0.62) continue;
    clock += Math.floor(options.random() * 12) * MINUTE + 20_000;
    const rating = Math.max(1, Math.min(5, Math.round(4 + lean + (options.random() - 0.45) * 2.2)));
    const comments = HISTORY_COMMENTS[rating] ?? [''];
    const comment = comments[Math.floor(options.random() * comments.length)] ?? '';
    const choice = NEXT_TOPIC_QUESTION.kind === 'choice' ? NEXT_TOPIC_QUESTION.options : [];
    const answers: Record<string, string> = {};
    const topic = choice[Math.floor(options.random() * choice.length)];
    if (options.feedbackForm && topic) answers[NEXT_TOPIC_QUESTION.id] = topic;
    await submitFeedback(
      deps,
      session,
      { email: person.email, name: person.name, registrationId: person.id },
      { rating, comment, answers },
      'id',
    );
  }
}
