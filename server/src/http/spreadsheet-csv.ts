import { stringify } from 'csv-stringify/sync';

/**
 * Rows as CSV for spreadsheets: a byte-order mark so Excel reads UTF-8 names right, CRLF line
 * ends, and cells that start like a formula (=, +, -, @) prefixed with an apostrophe so nobody
 * can plant a formula in the organizer's spreadsheet through a name, an answer or a question.
 */
export function spreadsheetCsv(rows: (string | number)[][]): string {
  return `\uFEFF${stringify(
    rows.map((row) => row.map(neutralizeFormula)),
    { record_delimiter: '\r\n' },
  )}`;
}

function neutralizeFormula(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
