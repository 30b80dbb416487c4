import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

describe.each(['pglite', 'postgres'] as const)('organizers and communities on %s', (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ database });
  });
  afterAll(() => app?.stop());

  it('an organizer signs up, creates a community and finds it among theirs', async () => {
    const ayu = await signUp(app.url, { name: 'Ayu Lestari' });
    const created = await ayu.request('/api/communities', {
      method: 'POST',
      body: { name: 'Komunitas Bisnis Bali', slug: `bisnis-bali-${database}`, timeZone: 'Asia/Makassar' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      slug: `bisnis-bali-${database}`,
      role: 'owner',
      timeZone: 'Asia/Makassar',
    });

    const mine = await (await ayu.request('/api/me/communities')).json();
    expect(mine.map((c: { slug: string }) => c.slug)).toEqual([`bisnis-bali-${database}`]);
    const publicView = await anonymous(app.url).request(`/api/communities/bisnis-bali-${database}`);
    expect(await publicView.json()).toMatchObject({ name: 'Komunitas Bisnis Bali', description: '' });
  });

  it('only the community’s organizers change it: anonymous 401, another organizer 403', async () => {
    const owner = await signUp(app.url);
    const stranger = await signUp(app.url);
    const slug = `relawan-${database}`;
    await owner.request('/api/communities', { method: 'POST', body: { name: 'Relawan', slug } });
    const change = { body: { name: 'Relawan Surabaya' }, method: 'PATCH' };

    expect((await anonymous(app.url).request(`/api/communities/${slug}`, change)).status).toBe(401);
    const forbidden = await stranger.request(`/api/communities/${slug}`, change);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).code).toBe('forbidden');
    const allowed = await owner.request(`/api/communities/${slug}`, change);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ name: 'Relawan Surabaya' });
  });

  it('names every invalid field, refuses unknown ones, and keeps a taken address', async () => {
    const ayu = await signUp(app.url);
    const invalid = await ayu.request('/api/communities', {
      method: 'POST',
      body: { name: 'x', slug: 'Bad Slug', timeZone: 'Mars/Olympus', admin: true },
      headers: { 'Accept-Language': 'en' },
    });
    expect(invalid.status).toBe(422);
    const paths = (await invalid.json()).errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['name', 'slug', 'timeZone']));

    const slug = `kembar-${database}`;
    await ayu.request('/api/communities', { method: 'POST', body: { name: 'Pertama', slug } });
    const taken = await ayu.request('/api/communities', { method: 'POST', body: { name: 'Kedua', slug } });
    expect(taken.status).toBe(409);
    expect((await taken.json()).detail).toContain(slug);
  });

  it('asks an anonymous caller to sign in before creating', async () => {
    const response = await anonymous(app.url).request('/api/communities', {
      method: 'POST',
      body: { name: 'Tanpa Akun', slug: 'tanpa-akun' },
    });
    expect(response.status).toBe(401);
  });
});

describe('field messages', () => {
  it('speak the caller’s language, for our own rules and zod’s generic ones', async () => {
    const app = await startTestApp();
    try {
      const ayu = await signUp(app.url);
      const ask = async (language: string) => {
        const response = await ayu.request('/api/communities', {
          method: 'POST',
          body: { name: 'x', slug: 'Bad Slug' },
          headers: { 'Accept-Language': language },
        });
        return Object.fromEntries(
          (await response.json()).errors.map((e: { path: string; message: string }) => [e.path, e.message]),
        );
      };
      const id = await ask('id-ID');
      expect(id.slug).toBe('Gunakan huruf kecil, angka, dan tanda hubung, misalnya "komunitas-bisnis-bali".');
      expect(id.name).toMatch(/karakter/);
      const en = await ask('en-GB');
      expect(en.slug).toBe('Use lowercase letters, digits and dashes, e.g. "komunitas-bisnis-bali".');
      expect(en.name).toMatch(/Too small/);
    } finally {
      await app.stop();
    }
  });
});
