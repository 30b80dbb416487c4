import { CERTIFICATE_NUMBER_PATTERN, normalizeCertificateNumber } from '@serambi/shared';

/** A number as people type it ("srb 7kq2 m9xd 4hta pw3e"), made the one it stands for, or null when it cannot be one. */
export function certificateNumberOf(typed: string): string | null {
  const number = normalizeCertificateNumber(typed);
  return CERTIFICATE_NUMBER_PATTERN.test(number) ? number : null;
}
