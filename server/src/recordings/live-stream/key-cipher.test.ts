import { describe, expect, it } from 'vitest';
import { createStreamKeyCipher, keyEnding } from './key-cipher.ts';

describe('stream keys at rest', () => {
  const cipher = createStreamKeyCipher('secret-of-this-install');

  it('are sealed: the stored text holds no part of the key, and each seal differs', () => {
    const key = 'abcd-efgh-ijkl-mnop-qrst';
    const sealed = cipher.seal(key, 'session-1');
    expect(sealed).not.toContain('abcd');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('abcd');
    expect(cipher.seal(key, 'session-1')).not.toBe(sealed);
    expect(cipher.open(sealed, 'session-1')).toBe(key);
  });

  it('open only for the session they were sealed for, with the secret they were sealed with', () => {
    const sealed = cipher.seal('abcd-efgh-ijkl-mnop-qrst', 'session-1');
    expect(cipher.open(sealed, 'session-2')).toBeUndefined();
    expect(createStreamKeyCipher('another-install').open(sealed, 'session-1')).toBeUndefined();
    const tampered = Buffer.from(sealed, 'base64url');
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(cipher.open(tampered.toString('base64url'), 'session-1')).toBeUndefined();
    expect(cipher.open('short', 'session-1')).toBeUndefined();
  });

  it('show organizers the last 4 characters, or none of a key too short to hide the rest', () => {
    expect(keyEnding('abcd-efgh-ijkl-mnop-qrst')).toBe('qrst');
    expect(keyEnding('abcd1234')).toBe('');
  });
});
