import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';

export const webDistDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the built web app: hashed assets cached for a year, every other path answered with
 * index.html so the client router can take it. Without a build it says how to make one.
 */
export function webAppRoutes(distDir = webDistDir) {
  const app = new Hono<AppEnv>();
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    return app.get('*', (c) =>
      c.text('The web app is not built. Run `pnpm build` (or `pnpm start`, which builds it).', 503),
    );
  }
  const root = path.relative(process.cwd(), distDir);
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    // Read per request (a small, OS-cached file) so a rebuild never leaves a stale index pointing at deleted assets.
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return app;
}
