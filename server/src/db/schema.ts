/**
 * Every table, gathered for drizzle-kit and the typed query builder. Tables live with their
 * capability; the database's own (`app_secrets`) is declared here.
 */
import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from './timestamp.ts';

export * from '../accounts/schema.ts';
export * from '../attendance/schema.ts';
export * from '../breakouts/schema.ts';
export * from '../certificates/schema.ts';
export * from '../chat/schema.ts';
export * from '../communities/schema.ts';
export * from '../feedback/schema.ts';
export * from '../http/schema.ts';
export * from '../jobs/schema.ts';
export * from '../livekit/schema.ts';
export * from '../materials/schema.ts';
export * from '../notifications/schema.ts';
export * from '../polls/schema.ts';
export * from '../qa/schema.ts';
export * from '../recordings/schema.ts';
export * from '../registrations/schema.ts';
export * from '../room/schema.ts';
export * from '../series/schema.ts';
export * from '../sessions/schema.ts';
export * from '../whip/schema.ts';

/**
 * Secrets the app makes for itself on first start (e.g. the auth signing secret), stored in
 * the database so every instance in front of one database signs and checks alike.
 */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
