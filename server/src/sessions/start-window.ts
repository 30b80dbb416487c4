import { isWithinWindow, sessionStartParams, sessionStartWindow } from '@serambi/shared';
import { AppError } from '../http/errors.ts';

/**
 * Refuses a session start too far from `now` (the schemas already refused impossible years): a
 * start years ago or decades ahead is a slip of the date picker, and would plan reminders,
 * calendar entries and mails for it. `path` names the field to blame.
 */
export function checkSessionStart(startsAt: Date, now: Date, path: string): void {
  const window = sessionStartWindow(now);
  if (isWithinWindow(window, startsAt)) return;
  throw AppError.validation([{ path, message: 'validation.sessionStart', params: sessionStartParams(window) }]);
}
