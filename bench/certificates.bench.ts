/**
 * After-the-session work that grows with the audience: rendering certificate PDFs (what the
 * issuing job does per attendee) and building a session's attendance report from its stored
 * connections. Pure CPU, no LiveKit: run alone with `node --import tsx bench/certificates.bench.ts`.
 */
import './test-env.ts';
import { type AttendanceFacts, attendanceReportFrom } from '../server/src/attendance/people.ts';
import { loadCertificateFonts } from '../server/src/certificates/fonts.ts';
import { renderCertificatePdf } from '../server/src/certificates/pdf.ts';
import { createLogger } from '../server/src/logger.ts';
import { aCertificateInput } from '../test/support/certificate-input.ts';
import { report } from './results.ts';

const fonts = loadCertificateFonts(createLogger({ level: 'silent', pretty: false }));
const certificate = (holderName: string) => aCertificateInput({ holderName });

/** Milliseconds per PDF over `count` renders (after one warm-up), and the last PDF's size. */
async function renderTimes(name: string, count: number) {
  await renderCertificatePdf(certificate(name), fonts);
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) bytes = (await renderCertificatePdf(certificate(name), fonts)).length;
  return { msPerPdf: (performance.now() - started) / count, kb: bytes / 1024 };
}

/** A 90-minute session with `people` registrants, each connected three times (reconnects), some overlapping. */
function aCrowd(people: number): AttendanceFacts {
  const liveAt = new Date('2026-12-06T12:00:00Z').getTime();
  const endedAt = liveAt + 90 * 60_000;
  const facts: AttendanceFacts = {
    sessionId: 'bench',
    liveAt: new Date(liveAt),
    endedAt: new Date(endedAt),
    now: new Date(endedAt + 60_000),
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
    const start = liveAt - 5 * 60_000 + ((i * 7919) % (30 * 60_000));
    for (let c = 0; c < 3; c++) {
      const joinedAt = start + c * 25 * 60_000;
      facts.intervals.push({
        identity: `r_reg${i}`,
        joinedAt: new Date(joinedAt),
        leftAt: new Date(joinedAt + 27 * 60_000),
      });
    }
  }
  return facts;
}

function reportTime(people: number, rounds: number) {
  const facts = aCrowd(people);
  attendanceReportFrom(facts);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) attendanceReportFrom(facts);
  return (performance.now() - started) / rounds;
}

const latin = await renderTimes('Ni Kadek Ayu Lestari', 20);
const cjk = await renderTimes('李小龙 (Lee Siau Long)', 20);
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
