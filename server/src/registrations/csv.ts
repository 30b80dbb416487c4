import type { Registrant, RegistrationQuestion } from '@serambi/shared';
import { spreadsheetCsv } from '../http/spreadsheet-csv.ts';

/** Registrants as CSV for spreadsheets: one column per registration question. */
export function registrantsCsv(registrants: Registrant[], questions: RegistrationQuestion[]): string {
  const header = ['name', 'email', 'status', 'registered_at', 'waitlist_position', ...questions.map((q) => q.label)];
  const rows = registrants.map((r) => [
    r.name,
    r.email,
    r.status,
    r.registeredAt,
    r.waitlistPosition ?? '',
    ...questions.map((q) => {
      const answer = r.answers[q.id];
      return typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : (answer ?? '');
    }),
  ]);
  return spreadsheetCsv([header, ...rows]);
}
