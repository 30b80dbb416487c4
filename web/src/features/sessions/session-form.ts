import type { Session, SessionVisibility, UpdateSessionRequest } from '@serambi/shared';
import { instantOf, type WallClock, wallClockOf } from '../time/wall-clock.ts';
import { type QuestionDraft, toQuestion, toQuestionDraft } from './question-drafts.ts';

/** The session editor's values as the inputs hold them: text for numbers, a wall clock for the start. */
export interface SessionFormValues {
  title: string;
  description: string;
  date: string;
  time: string;
  timeZone: string;
  durationMinutes: number;
  /** Empty for no limit. */
  capacity: string;
  visibility: SessionVisibility;
  questions: QuestionDraft[];
}

const DEFAULT_START_TIME = '19:30';
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A new session: a week from today at half past seven in the evening, in the community's zone. */
export function newSessionValues(timeZone: string, now = new Date()): SessionFormValues {
  return {
    title: '',
    description: '',
    date: wallClockOf(new Date(now.getTime() + WEEK_MS), timeZone).date,
    time: DEFAULT_START_TIME,
    timeZone,
    durationMinutes: 90,
    capacity: '',
    visibility: 'public',
    questions: [],
  };
}

export function sessionValues(session: Session): SessionFormValues {
  const { date, time } = wallClockOf(session.startsAt, session.timeZone);
  return {
    title: session.title,
    description: session.description,
    date,
    time,
    timeZone: session.timeZone,
    durationMinutes: session.durationMinutes,
    capacity: session.capacity === null ? '' : String(session.capacity),
    visibility: session.visibility,
    questions: session.questions.map(toQuestionDraft),
  };
}

/** The start as an ISO instant, or null while the date or time is missing. */
export function startsAtOf(values: Pick<SessionFormValues, 'date' | 'time' | 'timeZone'>): string | null {
  if (!values.date || !values.time) return null;
  try {
    return instantOf({ date: values.date, time: values.time } satisfies WallClock, values.timeZone).toISOString();
  } catch {
    return null;
  }
}

/** Text to number where the schema wants numbers; what does not parse is left for the schema to name. */
export function capacityOf(text: string): number | null | string {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

/** The request body; the date and time become one instant in the chosen zone. */
export function toSessionRequest(values: SessionFormValues): Required<Omit<UpdateSessionRequest, 'status'>> {
  return {
    title: values.title,
    description: values.description,
    startsAt: startsAtOf(values) ?? '',
    durationMinutes: values.durationMinutes,
    timeZone: values.timeZone,
    capacity: capacityOf(values.capacity) as number | null,
    visibility: values.visibility,
    questions: values.questions.map(toQuestion),
  };
}
