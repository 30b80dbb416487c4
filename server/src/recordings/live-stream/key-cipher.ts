import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Stream keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the app's `stream-keys`
 * secret. A copy of the `live_streams` table alone (a log line, an export, a screenshot of a
 * query) gives no key away; a copy of the whole database does, as SECURITY.md says of every
 * app secret. The session id is the associated data, so a ciphertext moved to another session's
 * row does not decrypt.
 */
export interface StreamKeyCipher {
  seal(key: string, sessionId: string): string;
  /** The key, or undefined when the ciphertext was not made by this secret for this session. */
  open(sealed: string, sessionId: string): string | undefined;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createStreamKeyCipher(secret: string): StreamKeyCipher {
  const key = Buffer.from(hkdfSync('sha256', secret, 'serambi', 'stream-keys v1', 32));
  return {
    seal(plain, sessionId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(sessionId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed, sessionId) {
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(sessionId));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return undefined;
      }
    },
  };
}

/** What organizers see of a saved key: its last 4 characters, or none of a key too short to hide the rest. */
export const keyEnding = (key: string) => (key.length >= 12 ? key.slice(-4) : '');
