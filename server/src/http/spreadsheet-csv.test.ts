import { describe, expect, it } from 'vitest';
import { spreadsheetCsv } from './spreadsheet-csv.ts';

const BOM = '\uFEFF';

describe('rows as CSV for a spreadsheet', () => {
  it('starts with a byte-order mark and ends every row with CRLF, so Excel reads UTF-8 names right', () => {
    expect(
      spreadsheetCsv([
        ['Nama', 'Menit'],
        ['Sari Dewi', 42],
      ]),
    ).toBe(`${BOM}Nama,Menit\r\nSari Dewi,42\r\n`);
  });

  it('keeps names with accents and other scripts as written', () => {
    expect(spreadsheetCsv([['Ñoño', 'Nguyễn', '山田']])).toBe(`${BOM}Ñoño,Nguyễn,山田\r\n`);
  });

  it('quotes a cell holding a comma or a quote, doubling the quote', () => {
    expect(spreadsheetCsv([['Jakarta, Indonesia', 'Dia bilang "halo"']])).toBe(
      `${BOM}"Jakarta, Indonesia","Dia bilang ""halo"""\r\n`,
    );
  });

  it.each([
    ['=HYPERLINK("http://evil.example")', `${BOM}"'=HYPERLINK(""http://evil.example"")"\r\n`],
    ['+62 812 3456', `${BOM}'+62 812 3456\r\n`],
    ['-1', `${BOM}'-1\r\n`],
    ['@SUM(A1)', `${BOM}'@SUM(A1)\r\n`],
    ['\tTab', `${BOM}'\tTab\r\n`],
  ])('neutralizes a cell that starts like a formula: %j', (cell, csv) => {
    expect(spreadsheetCsv([[cell]])).toBe(csv);
  });

  it('leaves numbers alone, negative ones included, since they are not text someone typed', () => {
    expect(spreadsheetCsv([[-5, 0, 12.5]])).toBe(`${BOM}-5,0,12.5\r\n`);
  });

  it('leaves a formula sign inside a cell alone: only the start makes a formula', () => {
    expect(spreadsheetCsv([['a=b', 'x+y', 'me@example.id']])).toBe(`${BOM}a=b,x+y,me@example.id\r\n`);
  });

  it('writes an empty cell as nothing between the commas', () => {
    expect(spreadsheetCsv([['Budi', '', 'ya']])).toBe(`${BOM}Budi,,ya\r\n`);
  });
});
