import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { appSecrets } from './schema.ts';

/**
 * The secrets the app makes for itself. Whoever reads the database reads them too: SECURITY.md
 * says what each gives away (its test checks that every name here is there).
 */
export const APP_SECRET_NAMES = ['auth', 'join-links', 'room-tickets', 'recording-links', 'stream-keys'] as const;
export type AppSecretName = (typeof APP_SECRET_NAMES)[number];

/**
 * A secret the app makes for itself on first start (auth signing, join links), kept in the
 * database so every instance in front of it signs and checks alike without configuration.
 */
export async function storedSecret(db: Database, name: AppSecretName): Promise<string> {
  await db
    .insert(appSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
  if (!row) throw new Error(`app secret ${name} missing after insert`);
  return row.value;
}
