import type { CertificatePdfInput } from '@serambi/server/certificates/pdf.ts';

const DAY = 24 * 60 * 60 * 1000;

/** The session a certificate is about, held at `startsAt` (20.00 WITA when that is 12.00 UTC). */
export const aSessionHeldAt = (startsAt: Date): CertificatePdfInput['about'] => ({
  scope: 'session',
  title: 'Bincang Usaha: Menjual Kerajinan Lewat Marketplace',
  startsAt,
  durationMinutes: 90,
  timeZone: 'Asia/Makassar',
});

/** 12.00 UTC a week before this run: a session just past, whatever day the tests run on. */
const aWeekAgo = () => new Date(Math.floor((Date.now() - 7 * DAY) / DAY) * DAY + 12 * 60 * 60 * 1000);

/**
 * A session certificate of Komunitas Bisnis Bali for a session held a week ago, issued two hours
 * after it began. A test that reads the date printed on it passes `about` (and `issuedAt`) with
 * its own instants.
 */
export const aCertificateInput = (change: Partial<CertificatePdfInput> = {}): CertificatePdfInput => {
  const heldAt = aWeekAgo();
  return {
    locale: 'id',
    number: 'SRB-7KQ2-M9XD-4HTA-PW3E',
    holderName: 'Nguyễn Thị Ánh',
    title: null,
    community: 'Komunitas Bisnis Bali',
    logo: null,
    about: aSessionHeldAt(heldAt),
    speakers: ['Made Wirawan', 'Sari Dewi'],
    signatories: [],
    verifyUrl: 'https://serambi.example.id/verify/SRB-7KQ2-M9XD-4HTA-PW3E',
    issuedAt: new Date(heldAt.getTime() + 2 * 60 * 60 * 1000),
    ...change,
  };
};
