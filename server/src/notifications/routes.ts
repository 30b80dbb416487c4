import { negotiateLocale } from '@serambi/shared';
import { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { AppEnv } from '../http/env.ts';
import { isLoopbackHost } from '../net/loopback.ts';
import { findOutboxMessage, listOutbox } from './outbox.ts';
import { outboxListPage, outboxMessagePage, outboxNotFoundPage } from './outbox-pages.ts';

const LIST_LIMIT = 50;

type OutboxConfig = Pick<Config, 'production' | 'host' | 'smtpUrl'>;

/**
 * Whether the dev outbox is served: outside production, listening on loopback only, and with
 * mail not sent for real (no SMTP_URL). Its pages have no login: anyone who reaches them reads
 * every message, join links and password-reset links included, so only this machine may.
 */
export function devOutboxServed(config: OutboxConfig): boolean {
  return !config.production && isLoopbackHost(config.host) && !config.smtpUrl;
}

/**
 * The dev outbox pages, at /dev/outbox, when `devOutboxServed`; otherwise every /dev/outbox
 * address answers 404 (rather than the web app's page, which would suggest it exists).
 */
export function devOutboxRoutes(ctx: { db: Database; config: OutboxConfig }): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  if (!devOutboxServed(ctx.config)) {
    router.all('/dev/outbox', (c) => c.notFound());
    router.all('/dev/outbox/*', (c) => c.notFound());
    return router;
  }
  router.use('/dev/outbox/*', async (c, next) => {
    await next();
    // Mail holds join links: keep it out of shared caches and search engines.
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
  });
  router.get('/dev/outbox', async (c) => {
    const messages = await listOutbox(ctx.db, LIST_LIMIT);
    return c.html(outboxListPage(negotiateLocale(c.req.header('Accept-Language')), messages, LIST_LIMIT));
  });

  router.get('/dev/outbox/:id', async (c) => {
    const locale = negotiateLocale(c.req.header('Accept-Language'));
    const message = await findOutboxMessage(ctx.db, c.req.param('id'));
    if (!message) return c.html(outboxNotFoundPage(locale), 404);
    return c.html(outboxMessagePage(locale, message));
  });

  router.get('/dev/outbox/:id/attachments/:index', async (c) => {
    const message = await findOutboxMessage(ctx.db, c.req.param('id'));
    const index = Number(c.req.param('index'));
    const attachment = Number.isInteger(index) ? message?.attachments[index] : undefined;
    if (!attachment) return c.html(outboxNotFoundPage(negotiateLocale(c.req.header('Accept-Language'))), 404);
    return c.body(Buffer.from(attachment.contentBase64, 'base64'), 200, {
      'Content-Type': attachment.contentType,
      // Always a download: an attachment claiming to be text/html must not render on this origin.
      'Content-Disposition': contentDisposition(attachment.filename),
    });
  });
  return router;
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
