import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { dispose } from '@livekit/rtc-node';
import { materials } from '@serambi/server/materials/schema.ts';
import type { Material, SessionMaterials } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Caller, signUp, signUpConfirmed } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { A_PNG, A_WINDOWS_PROGRAM, aDocx, aPdf, aPptx, streamMaterial, uploadMaterial } from '../support/materials.ts';
import {
  anAudienceMember,
  aRegistrant,
  aRoomSetup,
  aSpeaker,
  joinRoom,
  problemOf,
  snapshotOf,
} from '../support/room.ts';

const MB = 1024 * 1024;
let app: TestApp;

beforeAll(async () => {
  // A small limit, so that going over it takes two uploads of a few hundred kilobytes.
  app = await startTestApp({ env: { MATERIALS_QUOTA_MB: '1' } });
});
afterAll(async () => {
  await app?.stop();
  await dispose();
});

/**
 * The files of the materials store that belong to this session, and every scratch file of an
 * upload in progress (`incoming/`): what an upload left behind.
 */
async function storedFiles(sessionId: string): Promise<string[]> {
  const root = app.context.config.materials.dir;
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => file.startsWith('incoming/') || file.split('/')[1] === sessionId);
}

async function listOf(caller: Caller, sessionSlug: string): Promise<SessionMaterials> {
  const response = await caller.request(`/api/sessions/${sessionSlug}/materials`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

async function attached(response: Response): Promise<Material> {
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

/** What the community stores: rows, their total, and the files on disk. */
async function whatIsStored(sessionId: string) {
  const rows = await app.context.db.select().from(materials).where(eq(materials.sessionId, sessionId));
  return {
    rows: rows.length,
    bytes: rows.reduce((sum, row) => sum + row.sizeBytes, 0),
    files: await storedFiles(sessionId),
  };
}

describe('attaching files to a session', () => {
  it('stores a PDF, a PowerPoint deck and a picture by what their bytes are, with safe names, and serves each as an attachment of its detected type', async () => {
    const { owner, session } = await aRoomSetup(app);
    const pdf = aPdf();
    const deck = aPptx();
    const slides = await attached(
      await uploadMaterial(app.url, owner, session.slug, '../../Materi Sesi #1 — Ayu.PDF', pdf, 'text/html'),
    );
    const pptx = await attached(await uploadMaterial(app.url, owner, session.slug, 'dek.pptx', deck));
    // A PNG someone named .jpg downloads as what it is.
    const picture = await attached(
      await uploadMaterial(app.url, owner, session.slug, 'poster.jpg', A_PNG, 'image/jpeg'),
    );
    expect([slides, pptx, picture].map(({ name, kind, sizeBytes }) => ({ name, kind, sizeBytes }))).toEqual([
      { name: 'Materi Sesi #1 — Ayu.pdf', kind: 'pdf', sizeBytes: pdf.length },
      { name: 'dek.pptx', kind: 'pptx', sizeBytes: deck.length },
      { name: 'poster.png', kind: 'png', sizeBytes: A_PNG.length },
    ]);

    const download = await fetch(`${app.url}${slides.downloadUrl}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Materi Sesi #1 _ Ayu.pdf"; filename*=UTF-8''Materi%20Sesi%20%231%20%E2%80%94%20Ayu.pdf`,
    );
    const deckDownload = await fetch(`${app.url}${pptx.downloadUrl}`);
    expect(deckDownload.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect(Buffer.from(await deckDownload.arrayBuffer()).equals(deck)).toBe(true);

    const list = await listOf(owner, session.slug);
    expect(list.materials.map((m) => m.name)).toEqual(['Materi Sesi #1 — Ayu.pdf', 'dek.pptx', 'poster.png']);
    expect(list.usage).toEqual({
      usedBytes: pdf.length + deck.length + A_PNG.length,
      limitBytes: MB,
      maxFileBytes: 50 * MB,
    });
  });

  it('refuses a Windows program renamed slides.pdf, and a Word document, storing nothing', async () => {
    const { owner, session } = await aRoomSetup(app);
    const before = await whatIsStored(session.id);
    for (const [name, bytes] of [
      ['slides.pdf', A_WINDOWS_PROGRAM],
      ['slides.pptx', aDocx()],
    ] as const) {
      const refused = await problemOf(
        await uploadMaterial(app.url, owner, session.slug, name, bytes, 'application/pdf'),
      );
      expect(refused, name).toMatchObject({ status: 415, code: 'material_type' });
      expect(refused.detail).toContain('PDF');
    }
    expect(await whatIsStored(session.id)).toEqual(before);
    expect((await listOf(owner, session.slug)).usage?.usedBytes).toBe(0);
  });

  it('refuses a file over 50 MB, whether it says its size or streams, in the caller’s language, storing nothing', async () => {
    const { owner, session } = await aRoomSetup(app);
    const before = await whatIsStored(session.id);
    const declared = await fetch(`${app.url}/api/sessions/${session.slug}/materials?name=besar.pdf`, {
      method: 'POST',
      headers: { Origin: app.url, Cookie: owner.cookie ?? '', 'Accept-Language': 'id' },
      body: new Uint8Array(50 * MB + 1),
    });
    expect(await problemOf(declared)).toMatchObject({
      status: 413,
      code: 'material_too_large',
      detail: expect.stringContaining('lebih besar dari 50 MB'),
    });
    const streamed = await streamMaterial(app.url, owner, session.slug, 'besar.pdf', aPdf(), 51);
    expect(streamed).toMatchObject({ status: 413, body: { code: 'material_too_large' } });
    expect(await whatIsStored(session.id)).toEqual(before);
  });

  it('keeps the community’s files under its limit, and says how much is used of it', async () => {
    const { owner, session } = await aRoomSetup(app);
    await attached(await uploadMaterial(app.url, owner, session.slug, 'satu.pdf', aPdf(0.6 * MB)));
    const stored = await whatIsStored(session.id);
    // One that says its size is refused before its body is read; one that streams, once it is in.
    const declared = await problemOf(await uploadMaterial(app.url, owner, session.slug, 'dua.pdf', aPdf(0.6 * MB)));
    expect(declared).toMatchObject({ status: 413, code: 'materials_quota_exceeded' });
    expect(declared.detail).toContain('(0.6 MB dari 1 MB terpakai)');
    const streamed = await streamMaterial(app.url, owner, session.slug, 'dua.pdf', aPdf(), 6, 100 * 1024);
    expect(streamed).toMatchObject({ status: 413, body: { code: 'materials_quota_exceeded' } });
    expect(await whatIsStored(session.id)).toEqual(stored);
    expect((await listOf(owner, session.slug)).usage).toMatchObject({ usedBytes: stored.bytes, limitBytes: MB });

    // Deleting a file frees its share.
    const [first] = (await listOf(owner, session.slug)).materials;
    const removed = await owner.request(`/api/sessions/${session.slug}/materials/${first?.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(await whatIsStored(session.id)).toEqual({ rows: 0, bytes: 0, files: [] });
  });
});

describe('signed download addresses', () => {
  it('stop working when they expire, when their token is changed, and for another file', async () => {
    const { owner, session } = await aRoomSetup(app);
    const one = await attached(await uploadMaterial(app.url, owner, session.slug, 'satu.png', A_PNG));
    const two = await attached(await uploadMaterial(app.url, owner, session.slug, 'dua.png', A_PNG));
    expect((await fetch(`${app.url}${one.downloadUrl}`)).status).toBe(200);

    const token = new URL(one.downloadUrl, app.url).searchParams.get('token') ?? '';
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const later = String(Number(token.split('.')[0]) + 3600);
    const expired = app.context.materialLinks.url(one.id, new Date(Date.now() - 16 * 60_000));
    for (const [why, url] of [
      ['a changed signature', `/api/materials/${one.id}/download?token=${tampered}`],
      ['a later expiry', `/api/materials/${one.id}/download?token=${later}.${token.split('.')[1]}`],
      ['another file’s token', `/api/materials/${two.id}/download?token=${token}`],
      ['an expired address', expired],
      ['no token', `/api/materials/${one.id}/download`],
    ]) {
      expect(await problemOf(await fetch(`${app.url}${url}`)), why).toMatchObject({
        status: 403,
        code: 'material_link',
      });
    }
  });
});

describe('who may have a session’s materials', () => {
  it('follows the replay access: registrants (by link or confirmed account) yes, strangers and unconfirmed addresses no, the team manages', async () => {
    const { owner, session } = await aRoomSetup(app);
    const speaker = await aSpeaker(app, session.id);
    const fromSpeaker = await attached(await uploadMaterial(app.url, speaker, session.slug, 'salindia.pdf', aPdf()));

    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const byLink = (await (await fetch(`${app.url}/api/registrations/${secret}/materials`)).json()) as SessionMaterials;
    expect(byLink).toMatchObject({ state: 'available', canManage: false, usage: null });
    expect(byLink.materials.map((m) => m.id)).toEqual([fromSpeaker.id]);
    expect((await fetch(`${app.url}${byLink.materials[0]?.downloadUrl}`)).status).toBe(200);

    const registered = await signUpConfirmed(app, { name: 'Sari Dewi' });
    await owner.request(`/api/sessions/${session.slug}/invitations`, {
      method: 'POST',
      body: { name: 'Sari Dewi', email: registered.email },
    });
    expect((await listOf(registered, session.slug)).materials).toHaveLength(1);

    const stranger = await signUpConfirmed(app, { name: 'Orang Lain' });
    expect(await listOf(stranger, session.slug)).toEqual({
      state: 'registrants_only',
      materials: [],
      canManage: false,
      usage: null,
    });
    expect((await listOf(anonymous(app.url), session.slug)).state).toBe('sign_in');

    // Someone who signed up with a registrant's address but never confirmed it is asked to.
    const claimed = await signUp(app.url);
    await owner.request(`/api/sessions/${session.slug}/invitations`, {
      method: 'POST',
      body: { name: 'Bukan Pemiliknya', email: claimed.email },
    });
    const unconfirmed = await problemOf(await claimed.request(`/api/sessions/${session.slug}/materials`));
    expect(unconfirmed).toMatchObject({ status: 403, code: 'email_unconfirmed' });

    // Neither a registrant nor a stranger attaches or deletes; the speaker and organizer do.
    expect(await problemOf(await uploadMaterial(app.url, registered, session.slug, 'x.pdf', aPdf()))).toMatchObject({
      status: 403,
      code: 'materials_team_only',
    });
    const strangerDelete = await stranger.request(`/api/sessions/${session.slug}/materials/${fromSpeaker.id}`, {
      method: 'DELETE',
    });
    expect(strangerDelete.status).toBe(403);
    expect((await listOf(speaker, session.slug)).canManage).toBe(true);

    // Made public, the replay's rule lets the stranger have them too.
    const opened = await owner.request(`/api/sessions/${session.slug}/recordings/settings`, {
      method: 'PATCH',
      body: { replayAccess: 'public', autoRecord: false },
    });
    expect(opened.status).toBe(200);
    expect((await listOf(stranger, session.slug)).materials).toHaveLength(1);
  });
});

describe('pinning a file in the room', () => {
  it('tells everyone in the room, shows it to whoever joins later, and unpins', async () => {
    const setup = await aRoomSetup(app);
    const { owner, session } = setup;
    const slides = await attached(await uploadMaterial(app.url, owner, session.slug, 'salindia.pdf', aPdf()));
    const host = await joinRoom(app, session.slug, { caller: owner });
    expect((await host.call('/live')).status).toBe(204);
    const moderator = await joinRoom(app, session.slug, { caller: owner });
    const { member, client } = await anAudienceMember(app, setup, moderator, 'Budi Santoso');

    // The audience may not pin.
    expect(
      await problemOf(await member.call('/materials/pin', { method: 'PUT', body: { materialId: slides.id } })),
    ).toMatchObject({ status: 403, code: 'room_moderators_only' });

    const pinned = await moderator.call('/materials/pin', { method: 'PUT', body: { materialId: slides.id } });
    expect(pinned.status).toBe(200);
    const heard = await client.nextEvent((event) => event.type === 'session.material');
    expect(heard.data).toEqual({
      pinned: expect.objectContaining({ id: slides.id, name: 'salindia.pdf', kind: 'pdf' }),
    });

    const late = await joinRoom(app, session.slug, {
      joinSecret: await aRegistrant(app, owner, session.slug, 'Telat'),
    });
    expect(late.join.snapshot.pinnedMaterial).toMatchObject({ id: slides.id, name: 'salindia.pdf' });
    const inRoom = (await (await late.call('/materials', { method: 'GET' })).json()) as SessionMaterials;
    expect(inRoom.materials.find((m) => m.id === slides.id)?.pinned).toBe(true);
    expect((await fetch(`${app.url}${inRoom.materials[0]?.downloadUrl}`)).status).toBe(200);

    expect((await moderator.call('/materials/pin', { method: 'PUT', body: { materialId: null } })).status).toBe(200);
    const unpinned = await client.nextEvent((event) => event.type === 'session.material' && event.v > heard.v);
    expect(unpinned.data).toEqual({ pinned: null });
    expect((await snapshotOf(late)).pinnedMaterial).toBeNull();
    await client.disconnect();
  });
});
