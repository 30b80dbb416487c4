import type { Registrant, RegistrationQuestion } from '@serambi/shared';
import { stringify } from 'csv-stringify/sync';

/**
 * Registrants as CSV for spreadsheets: one column per question, a byte-order mark so Excel
 * reads UTF-8 names right, and cells that start like a formula (=, +, -, @) prefixed with an
 * apostrophe so a registrant cannot plant a formula in the organizer's spreadsheet.
 */
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
  return `\uFEFF${stringify(
    [header, ...rows].map((row) => row.map(neutralizeFormula)),
    { record_delimiter: '\r\n' },
  )}`;
}

function neutralizeFormula(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
