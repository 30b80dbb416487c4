import { createHash, randomBytes } from 'node:crypto';

/**
 * Personal links (join, cancel, invitations) carry a 256-bit random secret; only its SHA-256
 * is stored, so the database alone can't be used to act as someone. Revoking = new secret.
 */
export function newLinkSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashLinkSecret(secret) };
}

export function hashLinkSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
