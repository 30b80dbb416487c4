import type {
  AddSessionPersonRequest,
  CreateSeriesRequest,
  RecurrenceRule,
  SeriesSchedule,
  SessionVisibility,
} from '@serambi/shared';
import { type QuestionDraft, toQuestion } from '../sessions/question-drafts.ts';
import { capacityOf } from '../sessions/session-form.ts';
import { wallClockOf } from '../time/wall-clock.ts';

export type RuleKind = RecurrenceRule['kind'];
export type Nth = 1 | 2 | 3 | 4 | -1;

/** The series form's values as the inputs hold them. */
export interface SeriesFormValues {
  title: string;
  description: string;
  date: string;
  time: string;
  timeZone: string;
  durationMinutes: number;
  ruleKind: RuleKind;
  nth: Nth;
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  endKind: SeriesSchedule['end']['kind'];
  count: string;
  until: string;
  capacity: string;
  visibility: SessionVisibility;
  questions: QuestionDraft[];
  people: AddSessionPersonRequest[];
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Which weekday, and which of its kind in the month ("2nd Tuesday"), a date is; the 5th counts as the last. */
export function monthlyPlaceOf(date: string): { nth: Nth; weekday: number } {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return { nth: 1, weekday: 1 };
  const ordinal = Math.ceil(day.getUTCDate() / 7);
  return { nth: ordinal > 4 ? -1 : (ordinal as Nth), weekday: ((day.getUTCDay() + 6) % 7) + 1 };
}

/** Weekly, ten sessions, from a week from today at half past seven in the evening. */
export function newSeriesValues(timeZone: string, now = new Date()): SeriesFormValues {
  const date = wallClockOf(new Date(now.getTime() + WEEK_MS), timeZone).date;
  return {
    title: '',
    description: '',
    date,
    time: '19:30',
    timeZone,
    durationMinutes: 90,
    ruleKind: 'weekly',
    ...monthlyPlaceOf(date),
    endKind: 'count',
    count: '10',
    until: '',
    capacity: '',
    visibility: 'public',
    questions: [],
    people: [],
  };
}

export function scheduleOf(values: SeriesFormValues): SeriesSchedule {
  const rule: RecurrenceRule =
    values.ruleKind === 'monthly-nth-weekday'
      ? { kind: 'monthly-nth-weekday', nth: values.nth, weekday: values.weekday }
      : { kind: values.ruleKind };
  return {
    firstDate: values.date,
    startTime: values.time,
    timeZone: values.timeZone,
    rule,
    end:
      values.endKind === 'count'
        ? { kind: 'count', count: Number(values.count) }
        : { kind: 'until', until: values.until },
  };
}

export function toSeriesRequest(values: SeriesFormValues, status: 'draft' | 'scheduled'): CreateSeriesRequest {
  return {
    title: values.title,
    description: values.description,
    schedule: scheduleOf(values),
    durationMinutes: values.durationMinutes,
    capacity: capacityOf(values.capacity) as number | null,
    visibility: values.visibility,
    questions: values.questions.map(toQuestion),
    people: values.people,
    status,
  };
}

/** Field paths of the request, as the form names its fields. */
export const SERIES_FIELD_OF_PATH: Readonly<Record<string, string>> = {
  'schedule.firstDate': 'date',
  'schedule.startTime': 'time',
  'schedule.timeZone': 'timeZone',
  'schedule.end.count': 'count',
  'schedule.end.until': 'until',
  'end.until': 'until',
  firstDate: 'date',
};
