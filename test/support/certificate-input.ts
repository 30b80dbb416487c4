import type { CertificatePdfInput } from '@serambi/server/certificates/pdf.ts';

/** A session certificate of Komunitas Bisnis Bali, held on Sunday 6 December 2026 at 20.00 WITA. */
export const aCertificateInput = (change: Partial<CertificatePdfInput> = {}): CertificatePdfInput => ({
  locale: 'id',
  number: 'SRB-7KQ2-M9XD-4HTA-PW3E',
  holderName: 'Nguyễn Thị Ánh',
  title: null,
  community: 'Komunitas Bisnis Bali',
  logo: null,
  about: {
    scope: 'session',
    title: 'Bincang Usaha: Menjual Kerajinan Lewat Marketplace',
    startsAt: new Date('2026-12-06T12:00:00Z'),
    durationMinutes: 90,
    timeZone: 'Asia/Makassar',
  },
  speakers: ['Made Wirawan', 'Sari Dewi'],
  signatories: [],
  verifyUrl: 'https://serambi.example.id/verify/SRB-7KQ2-M9XD-4HTA-PW3E',
  ...change,
});
