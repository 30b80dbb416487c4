import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** Read once at start: the per-request path only sends bytes. */
const assets = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', body: readFileSync(path.join(swaggerDir, 'swagger-ui.css')) },
  'swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(path.join(swaggerDir, 'swagger-ui-bundle.js')),
  },
} as const;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Serambi API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api', deepLinking: true });`;

/**
 * GET /api/docs: a readable API reference of /api/openapi.json, served from our own
 * swagger-ui-dist copy (no CDN, so it works offline and leaks no visitor to a third party).
 */
export function apiDocsRoutes() {
  return new Hono<AppEnv>()
    .get('/docs', (c) => c.html(page))
    .get('/docs/init.js', (c) => c.body(init, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:asset{swagger-ui\\.css|swagger-ui-bundle\\.js}', (c) => {
      const asset = assets[c.req.param('asset') as keyof typeof assets];
      return c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=86400' });
    });
}
