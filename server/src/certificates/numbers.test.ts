import { CERTIFICATE_NUMBER_PATTERN, normalizeCertificateNumber } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { newCertificateNumber } from './numbers.ts';

describe('certificate numbers', () => {
  it('look like SRB-XXXX-XXXX-XXXX-XXXX in Crockford base32', () => {
    for (let i = 0; i < 200; i++) expect(newCertificateNumber()).toMatch(CERTIFICATE_NUMBER_PATTERN);
  });

  it('carry all 80 random bits, five to a symbol', () => {
    expect(newCertificateNumber(() => Buffer.alloc(10, 0))).toBe('SRB-0000-0000-0000-0000');
    expect(newCertificateNumber(() => Buffer.alloc(10, 0xff))).toBe('SRB-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x00…01 sets only the last bit; 0x80 00… only the first.
    expect(newCertificateNumber(() => Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('SRB-0000-0000-0000-0001');
    expect(newCertificateNumber(() => Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('SRB-G000-0000-0000-0000');
  });

  it('do not repeat', () => {
    const seen = new Set(Array.from({ length: 5_000 }, () => newCertificateNumber()));
    expect(seen.size).toBe(5_000);
  });

  it('survive what people type: lower case, no dashes, O for 0 and I or L for 1', () => {
    const number = newCertificateNumber();
    expect(normalizeCertificateNumber(number.toLowerCase().replaceAll('-', ' '))).toBe(number);
    expect(normalizeCertificateNumber('srb-0000-1111-zzzz-aaaa'.replace('0000', 'oOoO').replace('1111', 'iIlL'))).toBe(
      'SRB-0000-1111-ZZZZ-AAAA',
    );
  });
});
