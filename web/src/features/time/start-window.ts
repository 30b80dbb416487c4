import {
  doorsOpenWindow,
  isoDay,
  isWithinWindow,
  MAX_DOORS_OPEN_EARLY_HOURS,
  SESSION_START_YEARS_AHEAD,
  sessionStartParams,
  sessionStartWindow,
  type TimeWindow,
} from '@serambi/shared';
import type { MessageKey } from '@serambi/shared/i18n';
import type { MessageParams } from '../../i18n/I18nProvider.tsx';

/**
 * The limits the server checks against its clock, checked against the browser's before a round
 * trip, with the server's own messages; the server's answer is what counts.
 */

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The first and last day a date input for a session's start offers ("2025-12-07"). */
export function sessionDateRange(now = new Date()): { min: string; max: string } {
  const window = sessionStartWindow(now);
  return { min: isoDay(window.earliest), max: isoDay(window.latest) };
}

/** What to say when a session would start outside its window; undefined when it fits. */
export function sessionStartProblem(startsAt: Date, t: Translate, now = new Date()): string | undefined {
  const window = sessionStartWindow(now);
  return isWithinWindow(window, startsAt) ? undefined : t('validation.sessionStart', sessionStartParams(window));
}

/** What to say when a series' last session would start past the window; undefined when it fits. */
export function seriesEndProblem(lastStart: Date, t: Translate, now = new Date()): string | undefined {
  if (lastStart <= sessionStartWindow(now).latest) return undefined;
  return t('validation.seriesEndsTooLate', { date: isoDay(lastStart), ahead: SESSION_START_YEARS_AHEAD });
}

/** When doors may open for a session starting at `startsAt`, and what to say otherwise. */
export function doorsOpenLimits(startsAt: Date | string): TimeWindow {
  return doorsOpenWindow(new Date(startsAt));
}

export function doorsOpenProblem(doorsOpenAt: Date, startsAt: Date | string, t: Translate): string | undefined {
  if (isWithinWindow(doorsOpenLimits(startsAt), doorsOpenAt)) return undefined;
  return t('validation.doorsOpen', { hours: MAX_DOORS_OPEN_EARLY_HOURS });
}
