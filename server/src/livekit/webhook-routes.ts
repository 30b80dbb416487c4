import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { WebhookEvent } from 'livekit-server-sdk';
import type { Database } from '../db/client.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import type { LiveKitGateway } from './gateway.ts';
import { liveKitWebhookDeliveries } from './schema.ts';

/**
 * A verified LiveKit webhook, as listeners get it. Only livekit/ imports LiveKit's SDK
 * (docs/capabilities.md#rules, 5): capabilities name its shapes through this module and gateway.ts.
 */
export type LiveKitWebhook = WebhookEvent;
export type LiveKitEventName = NonNullable<LiveKitWebhook['event']>;
export type LiveKitEventListener = (event: LiveKitWebhook) => void | Promise<void>;

/**
 * Capabilities subscribe here to LiveKit's webhooks (presence, bans, recording) instead of
 * each parsing requests; listeners run in order and a failing one fails the delivery, so
 * LiveKit retries it.
 */
export class LiveKitEvents {
  readonly #listeners = new Map<string, LiveKitEventListener[]>();

  on(name: LiveKitEventName, listener: LiveKitEventListener): () => void {
    const list = this.#listeners.get(name) ?? [];
    list.push(listener);
    this.#listeners.set(name, list);
    return () => {
      this.#listeners.set(
        name,
        (this.#listeners.get(name) ?? []).filter((l) => l !== listener),
      );
    };
  }

  async dispatch(event: WebhookEvent): Promise<void> {
    for (const listener of this.#listeners.get(event.event) ?? []) await listener(event);
  }
}

/**
 * POST /api/livekit/webhook. Not in the OpenAPI document: only LiveKit calls it, signed with
 * the API secret (a JWT in Authorization whose sha256 claim covers the raw body).
 */
export function liveKitWebhookRoutes(ctx: {
  db: Database;
  livekit: LiveKitGateway;
  liveKitEvents: LiveKitEvents;
  now: () => Date;
}) {
  return new Hono<AppEnv>().post('/livekit/webhook', async (c) => {
    const body = await c.req.text();
    let event: WebhookEvent;
    try {
      event = await ctx.livekit.receiveWebhook(body, c.req.header('Authorization'), ctx.now());
    } catch {
      throw new AppError(401, 'webhook_signature', 'problems.webhookSignature');
    }
    c.get('log').info(
      { event: event.event, room: event.room?.name, identity: event.participant?.identity },
      'livekit webhook',
    );
    // A delivery is handled once: a replay (or LiveKit's retry of a delivery we finished) is
    // acknowledged and skipped. A failed one is forgotten again, so LiveKit's retry runs it.
    const [fresh] = await ctx.db
      .insert(liveKitWebhookDeliveries)
      .values({ id: event.id, receivedAt: ctx.now() })
      .onConflictDoNothing()
      .returning({ id: liveKitWebhookDeliveries.id });
    if (!fresh) return c.body(null, 204);
    try {
      await ctx.liveKitEvents.dispatch(event);
    } catch (error) {
      await ctx.db.delete(liveKitWebhookDeliveries).where(eq(liveKitWebhookDeliveries.id, event.id));
      throw error;
    }
    return c.body(null, 204);
  });
}
