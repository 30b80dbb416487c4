import { describe, expect, it } from 'vitest';
import { certificateNumberOf } from './verify-number.ts';

describe('a certificate number as people type it', () => {
  it('is read in any case, with spaces or without dashes', () => {
    expect(certificateNumberOf('SRB-7KQ2-M9XD-4HTA-PW3E')).toBe('SRB-7KQ2-M9XD-4HTA-PW3E');
    expect(certificateNumberOf(' srb 7kq2 m9xd 4hta pw3e ')).toBe('SRB-7KQ2-M9XD-4HTA-PW3E');
    expect(certificateNumberOf('7KQ2M9XD4HTAPW3E')).toBe('SRB-7KQ2-M9XD-4HTA-PW3E');
  });

  it('takes the letter O for zero and I or L for one, as the certificate’s alphabet has neither', () => {
    expect(certificateNumberOf('SRB-7KQ2-M9XD-4HTA-PW3O')).toBe('SRB-7KQ2-M9XD-4HTA-PW30');
    expect(certificateNumberOf('SRB-7KQI-M9XD-4HTA-PW3L')).toBe('SRB-7KQ1-M9XD-4HTA-PW31');
  });

  it('is nothing when it cannot be a number at all', () => {
    expect(certificateNumberOf('')).toBeNull();
    expect(certificateNumberOf('bukan nomor')).toBeNull();
    expect(certificateNumberOf('SRB-7KQ2-M9XD-4HTA')).toBeNull();
    expect(certificateNumberOf('SRB-7KQ2-M9XD-4HTA-PW3E-XXXX')).toBeNull();
    // U is not in Crockford's alphabet.
    expect(certificateNumberOf('SRB-7KQ2-M9XD-4HTA-PW3U')).toBeNull();
  });
});
