import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a number read aloud or typed is hard to get wrong. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A fresh certificate number, `SRB-XXXX-XXXX-XXXX-XXXX`: 80 bits from the system's random
 * source, so numbers can be neither guessed nor counted through (CERTIFICATE_NUMBER_PATTERN).
 */
export function newCertificateNumber(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let symbols = '';
  for (let shift = 75n; shift >= 0n; shift -= 5n) symbols += CROCKFORD[Number((bits >> shift) & 31n)];
  return `SRB-${symbols.match(/.{4}/g)?.join('-')}`;
}
