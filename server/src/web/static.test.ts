import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppRoutes } from './static.ts';

const script = `export const greeting = ${JSON.stringify('halo '.repeat(400))};\n`;

describe('serving the built web app', () => {
  let dist: string;
  let app: ReturnType<typeof webAppRoutes>;

  beforeAll(() => {
    // serveStatic resolves its root against the working directory, as `pnpm start` runs it.
    dist = mkdtempSync(path.join(process.cwd(), '.static-test-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Serambi</title>');
    writeFileSync(
      path.join(dist, 'room.html'),
      '<!doctype html><title>Serambi</title><link rel="modulepreload" href="/assets/livekit-3c4d.js">',
    );
    writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), script);
    writeFileSync(path.join(dist, 'assets', 'app-1a2b.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(dist, 'assets', 'app-1a2b.js.gz'), gzipSync(script));
    app = webAppRoutes(dist);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('sends the Brotli copy of an asset to a browser that accepts it, cached for a year', async () => {
    const response = await app.request('/assets/app-1a2b.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(script.length / 4);
  });

  it('sends gzip where Brotli is not accepted, and the plain file where nothing is', async () => {
    const gzip = await app.request('/assets/app-1a2b.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await app.request('/assets/app-1a2b.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('honours a refusal (q=0) of Brotli, and serves an asset a rebuild added while it ran', async () => {
    const refused = await app.request('/assets/app-1a2b.js', { headers: { 'Accept-Encoding': 'br;q=0, gzip' } });
    expect(refused.headers.get('content-encoding')).toBe('gzip');
    writeFileSync(path.join(dist, 'assets', 'later-5e6f.css'), 'body { margin: 0 }');
    const added = await app.request('/assets/later-5e6f.css', { headers: { 'Accept-Encoding': 'br' } });
    expect(added.headers.get('content-type')).toContain('text/css');
    expect(await added.text()).toBe('body { margin: 0 }');
  });

  it('answers an asset name that is not there, or reaches outside the folder, as a page and not a file', async () => {
    for (const address of ['/assets/missing-0000.js', '/assets/..%2Findex.html', '/assets/%2E%2E']) {
      const response = await app.request(address);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });

  it('answers every other path with index.html, never cached stale', async () => {
    for (const address of ['/s/some-session', '/', '/index.html']) {
      const response = await app.request(address);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Serambi</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers a link into the room with the page that preloads the room’s code, and no other path', async () => {
    for (const address of ['/j/a-secret/live', '/live/some-session']) {
      const response = await app.request(address);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<link rel="modulepreload" href="/assets/livekit-3c4d.js">');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    for (const address of ['/j/a-secret', '/s/some-session', '/live']) {
      expect(await (await app.request(address)).text()).not.toContain('modulepreload');
    }
  });
});
