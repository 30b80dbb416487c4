import { createHash, randomBytes } from 'node:crypto';

/**
 * Invitation links (co-organizer, speaker) carry a 256-bit random secret; only its SHA-256 is
 * stored, so the database alone can't be used to act as someone. Revoking = new secret.
 * Personal join links are hashed the same way for lookup, but derived from a key the database
 * also holds (`registrations/link-secrets.ts`; see SECURITY.md).
 */
export function newLinkSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashLinkSecret(secret) };
}

export function hashLinkSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
