import type { DoctorMessages } from './messages.ts';

export type CheckStatus = 'ok' | 'fail' | 'skipped';

/** One line of the doctor's table: what was checked, what was measured, and how to fix a failure. */
export interface CheckResult {
  status: CheckStatus;
  check: string;
  measured: string;
  fix?: string | undefined;
}

const MARK: Record<CheckStatus, string> = { ok: '✓', fail: '✗', skipped: '–' };

export const passed = (check: string, measured: string): CheckResult => ({ status: 'ok', check, measured });
export const failed = (check: string, measured: string, fix: string): CheckResult => ({
  status: 'fail',
  check,
  measured,
  fix,
});
export const skipped = (check: string, measured: string): CheckResult => ({ status: 'skipped', check, measured });

/** The check column's width: lines are printed as they are measured, so it cannot wait for the longest name. */
export const CHECK_COLUMN_WIDTH = 34;

/** One result as the table prints it: mark, check, measurement; a failure's fix on the line below. */
export function formatResult(result: CheckResult, t: DoctorMessages, width = CHECK_COLUMN_WIDTH): string {
  const name = result.check.padEnd(width);
  const line = `${MARK[result.status]}  ${name}  ${result.measured}`;
  return result.fix ? `${line}\n   ${' '.repeat(width)}  ${t.fix}: ${result.fix}` : line;
}

export function exitCodeOf(results: CheckResult[]): number {
  return results.some((result) => result.status === 'fail') ? 1 : 0;
}

export function summaryOf(results: CheckResult[], t: DoctorMessages): string {
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
  return t.summary(count('fail'), count('ok'), count('skipped'));
}

/** One line of why: the error's own message (and its cause's, which fetch keeps there). */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.replace(/\s+/g, ' ').slice(0, 240);
}
