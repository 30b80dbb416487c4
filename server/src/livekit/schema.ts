import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from '../db/timestamp.ts';

/** Ids of LiveKit webhook deliveries already handled: a replayed or retried delivery is acknowledged and skipped. */
export const liveKitWebhookDeliveries = pgTable('livekit_webhook_deliveries', {
  id: text('id').primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});
