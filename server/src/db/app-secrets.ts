import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appSecrets } from '../accounts/schema.ts';
import type { Database } from './client.ts';

/**
 * A secret the app makes for itself on first start (auth signing, join links), kept in the
 * database so every instance in front of it signs and checks alike without configuration.
 */
export async function storedSecret(
  db: Database,
  name: 'auth' | 'join-links' | 'room-tickets' | 'recording-links',
): Promise<string> {
  await db
    .insert(appSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
  if (!row) throw new Error(`app secret ${name} missing after insert`);
  return row.value;
}
