import { randomBytes } from 'node:crypto';
import { dispose } from '@livekit/rtc-node';
import { certificateDepsOf } from '@serambi/server/certificates/deps.ts';
import { issueOnce } from '@serambi/server/certificates/issue.ts';
import { certificates } from '@serambi/server/certificates/schema.ts';
import { jobs } from '@serambi/server/jobs/schema.ts';
import { sessionRooms } from '@serambi/server/room/schema.ts';
import type {
  Certificate,
  CertificateVerification,
  MyCertificate,
  Problem,
  UpdateCertificateProgramRequest,
} from '@serambi/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { anEmail, anInvitee, aSeriesSetup, participantWebhook } from '../support/attendance.ts';
import { pdfPageImage, pdfText, qrCodesIn } from '../support/pdf.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { aRoomSetup, aSpeaker, eventually, joinRoom } from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';
import { postWebhook, signedWebhook } from '../support/webhooks.ts';

/** Every session here was live for exactly 100 minutes: 75 of them is 75%. */
const LIVE_MINUTES = 100;

interface Person {
  name: string;
  email: string;
  /** Their personal join link's secret. */
  secret: string;
  identity: string;
}

type Stay = number | 'whole';

/**
 * A session that went live and ended through the API, with its registrants in the room. The
 * end's own rule check finds certificates off (unless `program` says otherwise), so a test
 * arranges the times first and then applies the rule with POST …/certificates/run.
 */
async function aHeldSession(
  app: TestApp,
  names: string[],
  options: { organizer?: Caller; session?: { id: string; slug: string } } = {},
) {
  const setup = options.organizer && options.session ? null : await aRoomSetup(app);
  const organizer = options.organizer ?? setup?.owner;
  const session = options.session ?? setup?.session;
  if (!organizer || !session) throw new Error('no session');
  const host = await joinRoom(app, session.slug, { caller: organizer });
  expect((await host.call('/live')).status).toBe(204);
  const people: Person[] = [];
  for (const name of names) {
    const email = anEmail(name);
    const secret = await anInvitee(app, organizer, session, { name, email });
    const joined = await joinRoom(app, session.slug, { joinSecret: secret });
    people.push({ name, email, secret, identity: joined.join.snapshot.me.identity });
  }
  expect((await host.call('/end')).status).toBe(204);
  return { organizer, session, people };
}

/**
 * Makes the session have been live for exactly 100 minutes, three hours ago, and tells the
 * server through LiveKit's signed webhooks who stayed how long: from a minute before going
 * live until `minutes` into it ('whole': past the end).
 */
async function theyStayed(app: TestApp, sessionId: string, stays: Array<[Person, Stay]>) {
  const liveAt = Math.floor((Date.now() - 3 * 3_600_000) / 1000) * 1000;
  await app.context.db
    .update(sessionRooms)
    .set({ liveAt: new Date(liveAt), endedAt: new Date(liveAt + LIVE_MINUTES * 60_000) })
    .where(eq(sessionRooms.sessionId, sessionId));
  for (const [person, stay] of stays) {
    const connection = {
      identity: person.identity,
      sid: `PA_${randomBytes(5).toString('hex')}`,
      joinedAtMs: liveAt - 60_000,
    };
    const leftSecond = liveAt / 1000 + (stay === 'whole' ? LIVE_MINUTES + 1 : stay) * 60;
    for (const event of [
      participantWebhook('participant_joined', sessionId, connection, liveAt / 1000 - 60),
      participantWebhook('participant_left', sessionId, connection, leftSecond),
    ]) {
      expect((await postWebhook(app, await signedWebhook(app, event))).status).toBe(204);
    }
  }
}

async function putProgram(organizer: Caller, path: string, program: UpdateCertificateProgramRequest) {
  const response = await organizer.request(`/api/${path}/certificates/program`, { method: 'PUT', body: program });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function runRule(organizer: Caller, sessionSlug: string) {
  expect((await organizer.request(`/api/sessions/${sessionSlug}/certificates/run`, { method: 'POST' })).status).toBe(
    202,
  );
}

/** Waits until no certificate job is queued or running: the rule has been applied and every mail sent. */
async function untilCertificateJobsDone(app: TestApp) {
  await eventually(async () => {
    const [row] = await app.context.db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(
        and(
          inArray(jobs.kind, ['certificates-issue', 'certificate-mail']),
          inArray(jobs.status, ['queued', 'running']),
        ),
      );
    return row?.n === 0;
  }, 20_000);
}

async function certificatesOf(organizer: Caller, path: string): Promise<Certificate[]> {
  const response = await organizer.request(`/api/${path}/certificates`);
  expect(response.status).toBe(200);
  return (await response.json()) as Certificate[];
}

async function verification(app: TestApp, number: string) {
  const response = await fetch(`${app.url}/api/certificates/verify/${encodeURIComponent(number)}`);
  return { status: response.status, body: (await response.json()) as CertificateVerification & Problem };
}

/** The certificate mails (not the registration confirmations) a person received. */
const mailsTo = (peer: SmtpPeer, email: string) =>
  peer.messages.filter(
    (mail) =>
      mail.to &&
      !Array.isArray(mail.to) &&
      mail.to.value[0]?.address === email &&
      /^(E-sertifikat Anda|Your e-certificate)/.test(mail.subject ?? ''),
  );

const pdfOf = (mail: ParsedMail) => {
  const attachment = mail.attachments.find((a) => a.contentType === 'application/pdf');
  if (!attachment) throw new Error(`no PDF attached to "${mail.subject}"`);
  return { filename: attachment.filename, content: attachment.content };
};

// rtc-node's runtime is disposed once, after every describe of the file.
afterAll(async () => {
  await dispose();
});

describe('e-certificates', () => {
  let app: TestApp;
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await startTestApp({ smtpUrl: peer.url });
  });
  afterAll(async () => {
    await app?.stop();
    await peer?.stop();
  });

  it('are given for 75% of a 100-minute session and not for 74%', async () => {
    const { organizer, session, people } = await aHeldSession(app, ['Ani Wulandari', 'Budi Santoso']);
    const [ani, budi] = people as [Person, Person];
    await theyStayed(app, session.id, [
      [ani, 75],
      [budi, 74],
    ]);
    await putProgram(organizer, `sessions/${session.slug}`, { enabled: true, minAttendancePercent: 75 });
    await runRule(organizer, session.slug);
    await untilCertificateJobsDone(app);
    const issued = await certificatesOf(organizer, `sessions/${session.slug}`);
    expect(issued.map((c) => [c.email, c.status, c.origin])).toEqual([[ani.email, 'valid', 'rule']]);
    // Running the rule again issues nothing twice.
    await runRule(organizer, session.slug);
    await untilCertificateJobsDone(app);
    expect(await certificatesOf(organizer, `sessions/${session.slug}`)).toHaveLength(1);
    expect(mailsTo(peer, ani.email)).toHaveLength(1);
    expect(mailsTo(peer, budi.email)).toHaveLength(0);
  });

  it('ask for the feedback form when the program says so, and follow feedback that comes later', async () => {
    const { organizer, session, people } = await aHeldSession(app, ['Citra Kirana', 'Dewi Lestari']);
    const [citra, dewi] = people as [Person, Person];
    await theyStayed(app, session.id, [
      [citra, 90],
      [dewi, 90],
    ]);
    const feedback = (person: Person) =>
      fetch(`${app.url}/api/registrations/${person.secret}/feedback`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rating: 5, comment: 'Seru sekali' }),
      });
    expect((await feedback(dewi)).status).toBe(200);
    await putProgram(organizer, `sessions/${session.slug}`, { enabled: true, requireFeedback: true });
    await runRule(organizer, session.slug);
    await untilCertificateJobsDone(app);
    expect((await certificatesOf(organizer, `sessions/${session.slug}`)).map((c) => c.email)).toEqual([dewi.email]);

    // Citra answers the next day: her answer queues a check of her alone.
    expect((await feedback(citra)).status).toBe(200);
    await untilCertificateJobsDone(app);
    expect((await certificatesOf(organizer, `sessions/${session.slug}`)).map((c) => c.email).sort()).toEqual(
      [citra.email, dewi.email].sort(),
    );
  });

  it('give a series certificate to whoever met the rule in 2 of its 3 sessions', async () => {
    const { organizer, series } = await aSeriesSetup(app);

    const ani = { name: 'Ani Wulandari', email: anEmail('Ani Wulandari') };
    const budi = { name: 'Budi Santoso', email: anEmail('Budi Santoso') };
    // Ani comes to the first and the third session, Budi to the first only (and half of the third).
    const plan: Array<Array<[typeof ani, Stay]>> = [
      [
        [ani, 'whole'],
        [budi, 'whole'],
      ],
      [],
      [
        [ani, 80],
        [budi, 50],
      ],
    ];
    const aniSecrets: string[] = [];
    for (const [index, session] of series.sessions.entries()) {
      const stays = plan[index] ?? [];
      const host = await joinRoom(app, session.slug, { caller: organizer });
      expect((await host.call('/live')).status).toBe(204);
      const present: Array<[Person, Stay]> = [];
      for (const [person, stay] of stays) {
        const secret = await anInvitee(app, organizer, session, person);
        const joined = await joinRoom(app, session.slug, { joinSecret: secret });
        present.push([{ ...person, secret, identity: joined.join.snapshot.me.identity }, stay]);
        if (person === ani) aniSecrets.push(secret);
      }
      expect((await host.call('/end')).status).toBe(204);
      await theyStayed(app, session.id, present);
    }
    await putProgram(organizer, `series/${series.id}`, { enabled: true, minSessions: 2 });
    const [firstSession] = series.sessions;
    if (!firstSession) throw new Error('three sessions');
    // Each session follows the series' program unless it has one of its own.
    const followed = await organizer.request(`/api/sessions/${firstSession.slug}/certificates/program`);
    expect(await followed.json()).toMatchObject({ scope: 'series', inherited: true, enabled: true, sessionCount: 3 });
    const ownMinSessions = await organizer.request(`/api/sessions/${firstSession.slug}/certificates/program`, {
      method: 'PUT',
      body: { enabled: true, minSessions: 2 },
    });
    expect(ownMinSessions.status).toBe(422);
    for (const session of series.sessions) {
      await runRule(organizer, session.slug);
      await untilCertificateJobsDone(app);
    }

    const seriesCertificates = await certificatesOf(organizer, `series/${series.id}`);
    expect(seriesCertificates.map((c) => [c.email, c.scope])).toEqual([[ani.email, 'series']]);
    const [mail] = mailsTo(peer, ani.email).filter((m) => m.subject === 'E-sertifikat Anda: Sharing Online');
    if (!mail) throw new Error('no mail for the series certificate');
    const text = await pdfText(pdfOf(mail).content);
    expect(text).toContain('atas kehadirannya dalam seri');
    expect(text).toContain('hadir dalam 2 dari 3 sesi');
    // Each session gave its own certificate by the series' program too.
    const third = series.sessions[2];
    if (!third) throw new Error('three sessions');
    expect((await certificatesOf(organizer, `sessions/${third.slug}`)).map((c) => c.email)).toEqual([ani.email]);
    // Her join link for the third session shows that session's certificate and the series'.
    const mine = await fetch(`${app.url}/api/registrations/${aniSecrets[1]}/certificates`);
    expect(((await mine.json()) as MyCertificate[]).map((c) => [c.scope, c.about])).toEqual([
      ['session', third.title],
      ['series', 'Sharing Online'],
    ]);
  });

  it('follow the series’ rule again once an organizer removes the session’s own program', async () => {
    const { organizer, series } = await aSeriesSetup(app);
    const [session] = series.sessions;
    if (!session) throw new Error('three sessions');
    const { people } = await aHeldSession(app, ['Ani Wulandari', 'Budi Santoso'], { organizer, session });
    const [ani, budi] = people as [Person, Person];
    // The end's own check has run (finding no program) before the programs below exist.
    await untilCertificateJobsDone(app);
    await theyStayed(app, session.id, [
      [ani, 80],
      [budi, 60],
    ]);
    await putProgram(organizer, `series/${series.id}`, { enabled: true, minAttendancePercent: 75 });
    await putProgram(organizer, `sessions/${session.slug}`, { enabled: true, minAttendancePercent: 50 });
    const path = `/api/sessions/${session.slug}/certificates/program`;
    const programSeenBy = async (caller: Caller) => (await caller.request(path)).json();
    const own = { scope: 'session', inherited: false, minAttendancePercent: 50 };
    expect(await programSeenBy(organizer)).toMatchObject(own);

    // Nobody else may remove it.
    const stranger = await signUp(app.url, { name: 'Putu Ayu' });
    expect((await stranger.request(path, { method: 'DELETE' })).status).toBe(403);
    expect((await anonymous(app.url).request(path, { method: 'DELETE' })).status).toBe(401);
    expect(await programSeenBy(organizer)).toMatchObject(own);

    expect((await organizer.request(path, { method: 'DELETE' })).status).toBe(204);
    expect(await programSeenBy(organizer)).toMatchObject({
      scope: 'series',
      inherited: true,
      minAttendancePercent: 75,
    });
    // Budi's 60% would do for the session's own 50%, not for the series' 75%.
    await runRule(organizer, session.slug);
    await untilCertificateJobsDone(app);
    expect((await certificatesOf(organizer, `sessions/${session.slug}`)).map((c) => c.email)).toEqual([ani.email]);
    expect(mailsTo(peer, budi.email)).toEqual([]);
  });

  it('are issued when the session ends and mailed with the PDF, which says who, what, when and carries the QR code', async () => {
    const { owner: organizer, session } = await aRoomSetup(app);
    await aSpeaker(app, session.id);
    await putProgram(organizer, `sessions/${session.slug}`, {
      enabled: true,
      title: 'Sertifikat Peserta',
      signatories: [{ name: 'I Gede Artha', title: 'Ketua Komunitas' }],
    });
    const host = await joinRoom(app, session.slug, { caller: organizer });
    expect((await host.call('/live')).status).toBe(204);
    // Going live was three hours ago; the session ends now.
    const liveAt = Math.floor((Date.now() - 3 * 3_600_000) / 1000) * 1000;
    await app.context.db
      .update(sessionRooms)
      .set({ liveAt: new Date(liveAt) })
      .where(eq(sessionRooms.sessionId, session.id));
    const names = ['Nguyễn Thị Ánh', '王小明'];
    const people: Person[] = [];
    for (const name of names) {
      const email = anEmail('peserta');
      const secret = await anInvitee(app, organizer, session, { name, email });
      const joined = await joinRoom(app, session.slug, { joinSecret: secret });
      const person = { name, email, secret, identity: joined.join.snapshot.me.identity };
      people.push(person);
      const connection = { identity: person.identity, sid: `PA_${randomBytes(5).toString('hex')}`, joinedAtMs: liveAt };
      const joinedEvent = participantWebhook('participant_joined', session.id, connection, liveAt / 1000);
      expect((await postWebhook(app, await signedWebhook(app, joinedEvent))).status).toBe(204);
    }
    expect((await host.call('/end')).status).toBe(204);

    const [anh, wang] = people as [Person, Person];
    const [mail] = await eventually(async () => {
      const found = mailsTo(peer, anh.email);
      return found.length > 0 && found;
    }, 20_000);
    if (!mail) throw new Error('no mail');
    const [certificate] = await certificatesOf(organizer, `sessions/${session.slug}`).then((all) =>
      all.filter((c) => c.email === anh.email),
    );
    if (!certificate) throw new Error('no certificate');
    expect(mail.subject).toBe('E-sertifikat Anda: Bincang Usaha Langsung');
    expect(mail.text).toContain(certificate.number);
    expect(mail.text).toContain(`${app.context.config.publicUrl}/verify/${certificate.number}`);
    expect(mail.text).toContain(`${app.context.config.publicUrl}/j/${anh.secret}`);
    const pdf = pdfOf(mail);
    expect(pdf.filename).toBe(`sertifikat-${certificate.number}.pdf`);
    const text = await pdfText(pdf.content);
    for (const words of [
      'SERTIFIKAT PESERTA',
      'Nguyễn Thị Ánh',
      'Bincang Usaha Langsung',
      certificate.number,
      'Narasumber: Made Wirawan',
      'I Gede Artha',
    ])
      expect(text).toContain(words);
    const startsAt = await app.context.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.id, session.id) });
    const day = new Intl.DateTimeFormat('id-ID', {
      timeZone: 'Asia/Makassar',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(startsAt?.startsAt);
    expect(text).toContain(day);
    expect(qrCodesIn(await pdfPageImage(pdf.content))).toEqual([
      `${app.context.config.publicUrl}/verify/${certificate.number}`,
    ]);
    await eventually(async () => {
      const [mailed] = (await certificatesOf(organizer, `sessions/${session.slug}`)).filter(
        (c) => c.email === anh.email,
      );
      return mailed?.mailedAt !== null;
    });

    // The holder finds it on their join link; the download is the same certificate, Chinese name and all.
    const mine = await fetch(`${app.url}/api/registrations/${wang.secret}/certificates`);
    expect(mine.status).toBe(200);
    const [wangs] = (await mine.json()) as MyCertificate[];
    if (!wangs) throw new Error('no certificate on the join link');
    expect(wangs).toMatchObject({ scope: 'session', about: 'Bincang Usaha Langsung', name: '王小明' });
    const download = await fetch(`${app.url}/api${wangs.pdfUrl}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    const downloaded = Buffer.from(await download.arrayBuffer());
    expect(await pdfText(downloaded)).toContain('王小明');
    expect(qrCodesIn(await pdfPageImage(downloaded))).toEqual([wangs.verifyUrl]);

    // Another registrant's link cannot reach it.
    const stolen = await fetch(`${app.url}/api/registrations/${anh.secret}/certificates/${wangs.number}/pdf`);
    expect(stolen.status).toBe(404);
  });

  it('can be issued by hand, corrected by re-issuing, and revoked, and the public check says which', async () => {
    const { organizer, session, people } = await aHeldSession(app, ['Rudi Hartono']);
    const [rudi] = people as [Person];
    const issued = await organizer.request(`/api/sessions/${session.slug}/certificates`, {
      method: 'POST',
      body: { name: 'Rudy Hartono', email: rudi.email.toUpperCase() },
    });
    expect(issued.status).toBe(201);
    const first = (await issued.json()) as Certificate;
    expect(first).toMatchObject({ origin: 'manual', status: 'valid', email: rudi.email, name: 'Rudy Hartono' });
    expect(first.registrationId).not.toBeNull();
    await eventually(async () => mailsTo(peer, rudi.email).length === 1);

    const organizersCopy = await organizer.request(`/api/certificates/${first.id}/pdf`);
    expect(organizersCopy.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(Buffer.from(await organizersCopy.arrayBuffer()))).toContain('Rudy Hartono');

    const again = await organizer.request(`/api/sessions/${session.slug}/certificates`, {
      method: 'POST',
      body: { name: 'Rudi Hartono', email: rudi.email },
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).code).toBe('certificate_exists');

    // The name was misspelled: re-issued with a new number; the old one says it was replaced, and by which.
    const reissued = await organizer.request(`/api/certificates/${first.id}/reissue`, {
      method: 'POST',
      body: { name: 'Rudi Hartono' },
    });
    expect(reissued.status).toBe(201);
    const second = (await reissued.json()) as Certificate;
    expect(second.number).not.toBe(first.number);
    expect(second).toMatchObject({ status: 'valid', name: 'Rudi Hartono', origin: 'manual' });
    const old = await verification(app, first.number.toLowerCase().replaceAll('-', ' '));
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ status: 'replaced', replacedBy: second.number, name: 'Rudy Hartono' });
    const fresh = await verification(app, second.number);
    expect(fresh.body).toMatchObject({
      status: 'valid',
      name: 'Rudi Hartono',
      about: 'Bincang Usaha Langsung',
      community: 'Komunitas Ruang',
      title: 'Sertifikat Kehadiran',
      revokedAt: null,
    });
    const [correction] = await eventually(async () => {
      const found = mailsTo(peer, rudi.email).filter((m) => m.text?.includes(second.number));
      return found.length > 0 && found;
    });
    expect(correction?.text).toContain(first.number);
    expect(await pdfText(pdfOf(correction as ParsedMail).content)).toContain('Rudi Hartono');

    const revoked = await organizer.request(`/api/certificates/${second.id}/revoke`, {
      method: 'POST',
      body: { reason: 'Tidak hadir; sertifikat terbit karena salah input' },
    });
    expect(revoked.status).toBe(200);
    expect(await verification(app, second.number)).toMatchObject({
      status: 200,
      body: { status: 'revoked', revokeReason: 'Tidak hadir; sertifikat terbit karena salah input' },
    });
    const twice = await organizer.request(`/api/certificates/${second.id}/revoke`, {
      method: 'POST',
      body: { reason: 'Lagi' },
    });
    expect(twice.status).toBe(409);
    // A revoked certificate is off the holder's page, and the rule does not give it back.
    const mine = await fetch(`${app.url}/api/registrations/${rudi.secret}/certificates`);
    expect(await mine.json()).toEqual([]);
    await theyStayed(app, session.id, [[rudi, 'whole']]);
    await putProgram(organizer, `sessions/${session.slug}`, { enabled: true });
    await runRule(organizer, session.slug);
    await untilCertificateJobsDone(app);
    expect((await certificatesOf(organizer, `sessions/${session.slug}`)).map((c) => c.status).sort()).toEqual([
      'replaced',
      'revoked',
    ]);
  });

  it('answer an unknown number with a 404 that says to check the number', async () => {
    const response = await fetch(`${app.url}/api/certificates/verify/SRB-0000-0000-0000-0000`, {
      headers: { 'Accept-Language': 'en' },
    });
    expect(response.status).toBe(404);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('certificate_unknown');
    expect(problem.detail).toBe(
      'No certificate has the number SRB-0000-0000-0000-0000. Check the number printed on the certificate again, letter by letter.',
    );
    const garbage = await fetch(`${app.url}/api/certificates/verify/not-a-number`);
    expect(garbage.status).toBe(404);
    expect(((await garbage.json()) as Problem).code).toBe('certificate_unknown');
  });

  it('let only the community’s organizers issue, correct, revoke, apply the rule or see the list', async () => {
    const { organizer, session, people } = await aHeldSession(app, ['Sari Dewi']);
    const [sari] = people as [Person];
    const made = await organizer.request(`/api/sessions/${session.slug}/certificates`, {
      method: 'POST',
      body: { name: sari.name, email: sari.email, notify: false },
    });
    const certificate = (await made.json()) as Certificate;
    const stranger = await signUp(app.url, { name: 'Putu Ayu' });
    const attempts = [
      ['POST', `/api/sessions/${session.slug}/certificates`, { name: 'Putu Ayu', email: stranger.email }],
      ['POST', `/api/sessions/${session.slug}/certificates/run`, undefined],
      ['GET', `/api/sessions/${session.slug}/certificates`, undefined],
      ['PUT', `/api/sessions/${session.slug}/certificates/program`, { enabled: true }],
      ['POST', `/api/certificates/${certificate.id}/reissue`, { name: 'Putu Ayu' }],
      ['POST', `/api/certificates/${certificate.id}/revoke`, { reason: 'Saya mau' }],
      ['GET', `/api/certificates/${certificate.id}/pdf`, undefined],
      ['GET', `/api/sessions/${session.slug}/certificates/preview.pdf`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      for (const [who, caller, status] of [
        ['stranger', stranger, 403],
        ['signed out', anonymous(app.url), 401],
      ] as const) {
        const response = await caller.request(path, { method, body });
        expect({ who, method, path, status: response.status }).toEqual({ who, method, path, status });
      }
    }
    expect((await certificatesOf(organizer, `sessions/${session.slug}`)).map((c) => [c.name, c.status])).toEqual([
      [sari.name, 'valid'],
    ]);
    // The organizer's preview: the template with their own name, marked as a sample.
    const preview = await organizer.request(`/api/sessions/${session.slug}/certificates/preview.pdf`);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await preview.arrayBuffer()));
    expect(text).toContain('Ayu Lestari');
    expect(text).toContain('CONTOH · TIDAK BERLAKU');
  });

  it('describe themselves in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    expect(doc.paths['/certificates/verify/{number}']?.get?.tags).toEqual(['Certificates']);
    expect(Object.keys(doc.paths).filter((path) => path.includes('certificates'))).toHaveLength(12);
  });

  // Last: it uses up this address's checks.
  it('limit how fast one address checks numbers, and not the next address behind the same proxy', async () => {
    const check = (client: string) =>
      fetch(`${app.url}/api/certificates/verify/SRB-0000-0000-0000-0001`, { headers: { 'X-Forwarded-For': client } });
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await check('203.0.113.7')).status);
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await check('198.51.100.20')).status).toBe(404);
  });
});

/**
 * Two instances on one PostgreSQL, one of which died while issuing: it had issued two of five
 * certificates and its job's lease ran out. The job runs again while both instances also run
 * the rule on request, all at once: five certificates, five mails.
 */
describe('issuing certificates through a restart, on two instances at once', () => {
  let first: TestApp;
  let second: TestApp;
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    const databaseUrl = await createTestDatabase();
    first = await startTestApp({ databaseUrl, smtpUrl: peer.url });
    second = await startTestApp({ databaseUrl, smtpUrl: peer.url });
  }, 120_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await peer?.stop();
  });

  it('issues and mails each certificate exactly once', async () => {
    const names = ['Ani Wulandari', 'Budi Santoso', 'Citra Kirana', 'Dewi Lestari', 'Eka Saputra'];
    const { organizer, session, people } = await aHeldSession(first, names);
    await theyStayed(
      first,
      session.id,
      people.map((person) => [person, 'whole'] as [Person, Stay]),
    );
    await putProgram(organizer, `sessions/${session.slug}`, { enabled: true });

    // What the instance did before it died: two certificates (with their mails queued), and a job left running.
    const row = await first.context.db.query.sessions.findFirst({ where: (s, { eq }) => eq(s.id, session.id) });
    if (!row) throw new Error('no session');
    for (const person of people.slice(0, 2)) {
      await issueOnce(certificateDepsOf(first.context), {
        communityId: row.communityId,
        sessionId: session.id,
        email: person.email,
        name: person.name,
        registrationId: null,
        locale: 'id',
        origin: 'rule',
        issuedBy: null,
      });
    }
    await first.context.db.insert(jobs).values({
      kind: 'certificates-issue',
      payload: { sessionId: session.id },
      status: 'running',
      attempts: 1,
      // Its lease ran out long enough ago that the backoff after a lost attempt has passed too.
      lockedUntil: new Date(Date.now() - 10 * 60_000),
    });
    const runOn = (app: TestApp) =>
      fetch(`${app.url}/api/sessions/${session.slug}/certificates/run`, {
        method: 'POST',
        headers: { Origin: app.url, Cookie: organizer.cookie ?? '' },
      });
    const runs = await Promise.all([runOn(first), runOn(second)]);
    expect(runs.map((r) => r.status)).toEqual([202, 202]);
    await Promise.all([untilCertificateJobsDone(first), untilCertificateJobsDone(second)]);

    const issued = await first.context.db.select().from(certificates).where(eq(certificates.sessionId, session.id));
    expect(issued.map((c) => c.email).sort()).toEqual(people.map((p) => p.email).sort());
    await peer.waitForMessages(5);
    for (const person of people) expect(mailsTo(peer, person.email), person.name).toHaveLength(1);
    expect(issued.every((c) => c.mailedAt !== null)).toBe(true);
  });
});
