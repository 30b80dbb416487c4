/**
 * After-the-session work that grows with the audience: rendering certificate PDFs (what the
 * issuing job does per attendee) and building a session's attendance report from its stored
 * connections. Pure CPU, no LiveKit: run alone with `node --import tsx bench/certificates.bench.ts`.
 * Every PDF rendered is read back with poppler before a figure counts: one A4 page, the
 * holder's name and the session as text, the name in the font its script needs; the reports
 * must give every registrant the minutes their connections add up to.
 */
import './test-env.ts';
import { type AttendanceFacts, attendanceReportFrom } from '../server/src/attendance/people.ts';
import { loadCertificateFonts } from '../server/src/certificates/fonts.ts';
import { renderCertificatePdf } from '../server/src/certificates/pdf.ts';
import { createLogger } from '../server/src/logger.ts';
import { aCertificateInput } from '../test/support/certificate-input.ts';
import { pdfFonts, pdfInfo, pdfText } from '../test/support/pdf.ts';
import { check, report } from './results.ts';

const fonts = loadCertificateFonts(createLogger({ level: 'silent', pretty: false }));
const certificate = (holderName: string) => aCertificateInput({ holderName });
/** Droid Sans Fallback: Chinese and Japanese (server/src/certificates/fonts.ts). */
const FALLBACK_FONT = 'DroidSansFallback';
/** The serif the holder's name is set in when Noto has its script. */
const NAME_FONT = 'NotoSerifDisplay';

/** Milliseconds per PDF over `count` renders (after one warm-up), the last PDF's size, and every PDF rendered. */
async function renderTimes(name: string, count: number) {
  const pdfs = [await renderCertificatePdf(certificate(name), fonts)];
  const started = performance.now();
  for (let i = 0; i < count; i++) pdfs.push(await renderCertificatePdf(certificate(name), fonts));
  const msPerPdf = (performance.now() - started) / count;
  return { msPerPdf, kb: (pdfs.at(-1)?.length ?? Number.NaN) / 1024, pdfs };
}

/**
 * Throws unless every PDF is a one-page A4 certificate whose text names the holder, the
 * community, the session and its number, and which embeds the fonts `fontsWanted` (by name
 * prefix) and none of `fontsUnwanted`.
 */
async function checkCertificates(
  pdfs: Buffer[],
  holderName: string,
  expected: { fontsWanted: string[]; fontsUnwanted: string[] },
): Promise<void> {
  const input = certificate(holderName);
  const about = input.about.scope === 'session' ? input.about.title : '';
  for (const [i, pdf] of pdfs.entries()) {
    const which = `certificate ${i + 1} of ${pdfs.length} for ${holderName}`;
    const info = await pdfInfo(pdf);
    check(
      info.Pages === '1' && /\(A4\)/.test(info['Page size'] ?? ''),
      () => `${which}: ${info.Pages} page(s) of ${info['Page size']}, not one A4 page`,
    );
    const text = await pdfText(pdf);
    for (const words of [holderName, input.community.toUpperCase(), about, input.number]) {
      check(text.includes(words), () => `${which}: "${words}" is not in its text:\n${text}`);
    }
    const embedded = await pdfFonts(pdf);
    for (const font of expected.fontsWanted) {
      check(
        embedded.some((name) => name.startsWith(font)),
        () => `${which}: ${font} is not embedded (${embedded.join(', ')})`,
      );
    }
    for (const font of expected.fontsUnwanted) {
      check(
        !embedded.some((name) => name.startsWith(font)),
        () => `${which}: ${font} is embedded though nothing needs it (${embedded.join(', ')})`,
      );
    }
  }
}

const LIVE_AT = new Date('2026-12-06T12:00:00Z').getTime();
const LIVE_MS = 90 * 60_000;
const CONNECTION_MS = 27 * 60_000;
const RECONNECT_EVERY_MS = 25 * 60_000;
const CONNECTIONS = 3;

/** When person `i` first joins: from 5 minutes before the start to 25 minutes after. */
const firstJoinOf = (i: number) => LIVE_AT - 5 * 60_000 + ((i * 7919) % (30 * 60_000));

/** A 90-minute session with `people` registrants, each connected three times (reconnects), some overlapping. */
function aCrowd(people: number): AttendanceFacts {
  const facts: AttendanceFacts = {
    sessionId: 'bench',
    liveAt: new Date(LIVE_AT),
    endedAt: new Date(LIVE_AT + LIVE_MS),
    now: new Date(LIVE_AT + LIVE_MS + 60_000),
    registrations: [],
    participants: [],
    intervals: [],
    feedbackEmails: new Set(),
  };
  for (let i = 0; i < people; i++) {
    const email = `peserta.${i}@example.id`;
    facts.registrations.push({ id: `reg${i}`, name: `Peserta ${i}`, email, status: 'registered' });
    facts.participants.push({
      identity: `r_reg${i}`,
      name: `Peserta ${i}`,
      email,
      role: 'participant',
      registrationId: `reg${i}`,
    });
    for (let c = 0; c < CONNECTIONS; c++) {
      const joinedAt = firstJoinOf(i) + c * RECONNECT_EVERY_MS;
      facts.intervals.push({
        identity: `r_reg${i}`,
        joinedAt: new Date(joinedAt),
        leftAt: new Date(joinedAt + CONNECTION_MS),
      });
    }
  }
  return facts;
}

/**
 * Throws unless the report counts all `people` as registered and present, each with their
 * three connections and the seconds of their one merged span inside the live hour and a half.
 */
function checkReport(report: ReturnType<typeof attendanceReportFrom>, people: number): void {
  check(
    report.registered === people && report.attended === people && report.people.length === people,
    () =>
      `report of ${people}: ${report.registered} registered, ${report.attended} attended, ${report.people.length} listed`,
  );
  for (const attendee of report.people) {
    const i = Number(attendee.registrationId?.replace(/^reg/, ''));
    const from = Math.max(firstJoinOf(i), LIVE_AT);
    const to = Math.min(firstJoinOf(i) + (CONNECTIONS - 1) * RECONNECT_EVERY_MS + CONNECTION_MS, LIVE_AT + LIVE_MS);
    const seconds = Math.round((to - from) / 1000);
    check(
      attendee.connections === CONNECTIONS && attendee.seconds === seconds,
      () =>
        `report of ${people}: ${attendee.name} has ${attendee.connections} connections and ${attendee.seconds} s, ` +
        `${CONNECTIONS} and ${seconds} s expected`,
    );
  }
}

/** Milliseconds per report of `people` over `rounds` builds (after one warm-up), each build checked. */
function reportTime(people: number, rounds: number) {
  const facts = aCrowd(people);
  const reports = [attendanceReportFrom(facts)];
  const started = performance.now();
  for (let i = 0; i < rounds; i++) reports.push(attendanceReportFrom(facts));
  const msPerReport = (performance.now() - started) / rounds;
  for (const built of reports) checkReport(built, people);
  return msPerReport;
}

const latinName = 'Ni Kadek Ayu Lestari';
const cjkName = '李小龙 (Lee Siau Long)';
const latin = await renderTimes(latinName, 20);
const cjk = await renderTimes(cjkName, 20);
await checkCertificates(latin.pdfs, latinName, { fontsWanted: [NAME_FONT], fontsUnwanted: [FALLBACK_FONT] });
await checkCertificates(cjk.pdfs, cjkName, { fontsWanted: [FALLBACK_FONT, NAME_FONT], fontsUnwanted: [] });
const thousand = reportTime(1_000, 10);
const hundred = reportTime(100, 50);
report([
  { name: 'certificate PDF, Latin name: render time', value: latin.msPerPdf, unit: 'ms', comparedTo: null },
  { name: 'certificate PDF, Latin name: size', value: latin.kb, unit: 'KiB', comparedTo: null },
  {
    name: 'certificate PDF, Chinese name (fallback font): render time',
    value: cjk.msPerPdf,
    unit: 'ms',
    comparedTo: { name: 'Latin name', value: latin.msPerPdf, unit: 'ms' },
  },
  { name: 'certificate PDF, Chinese name: size', value: cjk.kb, unit: 'KiB', comparedTo: null },
  {
    name: 'attendance report, 1,000 registrants × 3 connections: build time',
    value: thousand,
    unit: 'ms',
    comparedTo: { name: '100 registrants', value: hundred, unit: 'ms' },
  },
]);
