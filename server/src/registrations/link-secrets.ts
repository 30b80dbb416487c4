import { createHmac } from 'node:crypto';
import { hashLinkSecret } from '../http/secret-link.ts';

/**
 * Personal join links are derived, not stored: HMAC(key, registration id + generation). The
 * same link can be mailed again (people register twice to be sure, then click the first
 * mail), and bumping the generation revokes every earlier link. Only the SHA-256 of the
 * current link is in the registrations table, for lookup; but the key is `storedSecret`
 * 'join-links', in the database too, so a copy of the database re-derives every link
 * (SECURITY.md, "What the database gives away").
 */
export interface JoinLinks {
  secretFor(registrationId: string, generation: number): string;
  hashFor(registrationId: string, generation: number): string;
}

export function createJoinLinks(key: string): JoinLinks {
  const secretFor = (registrationId: string, generation: number) =>
    createHmac('sha256', key).update(`join:${registrationId}:${generation}`).digest('base64url');
  return {
    secretFor,
    hashFor: (registrationId, generation) => hashLinkSecret(secretFor(registrationId, generation)),
  };
}
