import type { Caller } from '../accounts.ts';
import type { TestApp } from '../app.ts';
import { joinRoom } from '../room.ts';
import { FORMULA_MARKER, ICS_MARKER, MARKUP_MARKER, MARKUP_PAYLOADS } from './payloads.ts';

/**
 * Hostile text stored on purpose, through the API, in every field the public and organizer
 * pages show: names, titles, descriptions, a registrant, a speaker, a question, a chat message
 * and a poll. The fuzz stores such text by chance; this makes sure each page has some to show.
 */
export interface Planted {
  community: { slug: string };
  series: { id: string };
  session: { id: string; slug: string };
  registrantSecret: string;
}

/** Markup of the given length at most, made of whole payloads, each creating an element or setting __pwned. */
export function markupWithin(maxLength: number, marker = MARKUP_MARKER): string {
  const pieces = [
    `<img src=x id=${marker}-img onerror="window.__pwned=1">`,
    `"><svg id=${marker}-svg onload=window.__pwned=1>`,
    `<script>window.__pwned=1</script>`,
  ];
  let text = '';
  for (const piece of pieces) if (text.length + piece.length <= maxLength) text += piece;
  return text;
}

const DESCRIPTION = [
  ...MARKUP_PAYLOADS,
  '[klik di sini](javascript:window.__pwned=1) dan ![gambar](x" onerror="window.__pwned=1)',
  `baris\r\n${ICS_MARKER}:1\r\nBEGIN:VEVENT`,
  `=${FORMULA_MARKER}(1)`,
].join('\n\n');

export async function plantHostileText(app: TestApp, organizer: Caller, communitySlug: string): Promise<Planted> {
  const call = async (path: string, method: string, body: unknown, expected: number) => {
    const response = await organizer.request(path, { method, body });
    if (response.status !== expected) {
      throw new Error(`planting ${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return response.status === 204 ? undefined : response.json();
  };
  await call(`/api/communities/${communitySlug}`, 'PATCH', { name: markupWithin(120), description: DESCRIPTION }, 200);
  const series = (await call(
    `/api/communities/${communitySlug}/series`,
    'POST',
    {
      title: markupWithin(140),
      description: DESCRIPTION,
      schedule: {
        firstDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        startTime: '19:30',
        timeZone: 'Asia/Makassar',
        rule: { kind: 'weekly' },
        end: { kind: 'count', count: 2 },
      },
    },
    201,
  )) as { id: string };
  const session = (await call(
    `/api/communities/${communitySlug}/sessions`,
    'POST',
    {
      title: markupWithin(160),
      description: DESCRIPTION,
      startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      timeZone: 'Asia/Makassar',
      questions: [{ id: 'asal', label: markupWithin(200), kind: 'short-text' }],
    },
    201,
  )) as { id: string; slug: string };
  await call(
    `/api/sessions/${session.slug}/people`,
    'POST',
    {
      role: 'speaker',
      name: markupWithin(120),
      email: 'pembicara.fuzz@example.id',
      title: markupWithin(160),
      bio: DESCRIPTION.slice(0, 2000),
    },
    201,
  );
  const registrantEmail = `peserta.${Math.random().toString(36).slice(2, 8)}@example.id`;
  await call(
    `/api/sessions/${session.slug}/registrations`,
    'POST',
    {
      name: `=${FORMULA_MARKER}(1)${markupWithin(100)}`.slice(0, 120),
      email: registrantEmail,
      answers: { asal: DESCRIPTION.slice(0, 2000) },
    },
    201,
  );
  const registration = await app.context.db.query.registrations.findFirst({
    where: (r, { eq }) => eq(r.email, registrantEmail),
  });
  if (!registration) throw new Error('planted registration missing');
  const registrantSecret = app.context.links.secretFor(registration.id, registration.linkGeneration);

  const host = await joinRoom(app, session.slug, { caller: organizer });
  const member = await joinRoom(app, session.slug, { joinSecret: registrantSecret });
  const inRoom = async (client: typeof host, path: string, body: unknown) => {
    const response = await client.call(path, { body });
    if (response.status >= 300) throw new Error(`planting ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as { id: string });
  };
  await inRoom(host, '/live', undefined);
  await inRoom(member, '/questions', { text: markupWithin(300) });
  await inRoom(member, '/questions', { text: `=${FORMULA_MARKER}("cmd|' /C calc'!A0")` });
  await inRoom(member, '/chat', { text: markupWithin(500) });
  const poll = await inRoom(host, '/polls', {
    question: markupWithin(200),
    options: [`=${FORMULA_MARKER}(1)`, markupWithin(100)],
  });
  await inRoom(host, `/polls/${poll?.id}/launch`, undefined);
  return { community: { slug: communitySlug }, series, session, registrantSecret };
}
