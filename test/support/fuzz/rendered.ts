import { listOutbox } from '@serambi/server/notifications/outbox.ts';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../app.ts';
import { FORMULA_MARKER, ICS_MARKER, MARKUP_MARKER } from './payloads.ts';

/**
 * Checks of what the server itself renders from stored text: HTML pages (link-preview head
 * tags, the dev outbox), mail bodies, calendar feeds and spreadsheet exports. HTML is parsed by
 * Chromium with scripts off, so a payload counts only if it became markup, not if it appears
 * escaped in an attribute or text.
 */

/** What a parsed HTML document holds that a stored payload could have made. */
export interface MarkupFound {
  /** Elements whose id starts with the marker: a payload became an element. */
  markedElements: string[];
  /** Attributes named on… that mention __pwned: a payload became an event handler. */
  handlers: string[];
  /** Scripts whose text mentions __pwned. */
  scripts: string[];
  /** Links and frames pointing at javascript: addresses. */
  scriptUrls: string[];
  /** The document's visible text and attribute values mention the marker: the payload is there, as text. */
  mentionsMarker: boolean;
}

/** Parses `html` in a page with scripts off and reports what a payload made of it. */
export async function markupIn(page: Page, html: string): Promise<MarkupFound> {
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  return markupOnPage(page);
}

/** The same report for the page as it is now (scripts on or off). */
export function markupOnPage(page: Page): Promise<MarkupFound> {
  return page.evaluate((marker) => {
    const all = [...document.querySelectorAll('*')];
    const describe = (element: Element) => element.outerHTML.slice(0, 160);
    return {
      markedElements: all.filter((e) => e.id.startsWith(marker)).map(describe),
      handlers: all
        .filter((e) => [...e.attributes].some((a) => a.name.startsWith('on') && a.value.includes('__pwned')))
        .map(describe),
      scripts: [...document.querySelectorAll('script')].filter((s) => s.text.includes('__pwned')).map(describe),
      scriptUrls: all
        .filter((e) =>
          ['href', 'src', 'action', 'formaction', 'srcdoc'].some((name) =>
            /^\s*javascript:|<script/i.test(e.getAttribute(name) ?? ''),
          ),
        )
        .map(describe),
      mentionsMarker:
        document.documentElement.textContent?.includes(marker) === true ||
        all.some((e) => [...e.attributes].some((a) => a.value.includes(marker))),
    };
  }, MARKUP_MARKER);
}

/** A page with scripts off, for parsing HTML the server made. */
export async function parsingPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

/** Lines of an .ics feed that a payload added: a property of its own or a second event start. */
export function icsInjections(ics: string): string[] {
  const lines = ics.split(/\r\n/);
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += line.slice(1);
    else unfolded.push(line);
  }
  const problems = unfolded.filter((line) => line.startsWith(ICS_MARKER));
  // A bare LF or CR inside a line is a line break to lenient readers.
  problems.push(...lines.filter((line) => /[\r\n]/.test(line) && line.includes(ICS_MARKER)));
  const begins = unfolded.filter((line) => line === 'BEGIN:VEVENT').length;
  const ends = unfolded.filter((line) => line === 'END:VEVENT').length;
  if (begins !== ends) problems.push(`BEGIN:VEVENT ${begins} times, END:VEVENT ${ends} times`);
  return problems;
}

/** Cells of a CSV export that a spreadsheet would run as a formula and that hold a payload. */
export function formulaCells(csv: string): string[] {
  return parseCsv(csv.replace(/^\uFEFF/, ''))
    .flat()
    .filter((cell) => cell.includes(FORMULA_MARKER) && /^[=+\-@\t\r]/.test(cell));
}

/** RFC 4180 CSV, quoted fields with doubled quotes and line breaks inside. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const char = csv[i];
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || (char === '\r' && csv[i + 1] === '\n')) {
      if (char === '\r') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The HTML bodies of every mail the dev outbox holds (the server sends none elsewhere in this test). */
export async function mailBodies(app: TestApp): Promise<Array<{ id: string; subject: string; html: string }>> {
  return (await listOutbox(app.context.db, 1000)).map((m) => ({ id: m.id, subject: m.subject, html: m.html }));
}

export function isClean(found: MarkupFound): boolean {
  return (
    found.markedElements.length === 0 &&
    found.handlers.length === 0 &&
    found.scripts.length === 0 &&
    found.scriptUrls.length === 0
  );
}
