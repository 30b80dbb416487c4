import { describe, expect, it } from 'vitest';
import type { CertificateSubject } from './document.ts';
import type { CertificateProgramRow, CertificateRow } from './schema.ts';
import { toCertificate, toMyCertificate, toVerification } from './views.ts';

/** Siti Rahma's certificate of the session "Menulis untuk Web", issued by the attendance rule. */
const aCertificate = (changes: Partial<CertificateRow> = {}): CertificateRow => ({
  id: 'c1',
  number: 'SRB-2026-0042',
  communityId: 'k1',
  sessionId: 's1',
  seriesId: null,
  registrationId: 'r1',
  email: 'siti@example.id',
  name: 'Siti Rahma',
  locale: 'id',
  status: 'valid',
  origin: 'rule',
  issuedAt: new Date('2026-12-07T11:00:00Z'),
  issuedBy: null,
  revokedAt: null,
  revokeReason: null,
  replacedById: null,
  mailedAt: null,
  ...changes,
});

const aSubject = (program: Partial<CertificateProgramRow> | null): CertificateSubject => ({
  community: { id: 'k1', name: 'Komunitas Penulis Bandung' },
  session: null,
  series: null,
  program: program as CertificateProgramRow | null,
  about: 'Menulis untuk Web',
});

describe('a certificate as organizers see it', () => {
  it('says its scope from the session or series it is for', () => {
    expect(toCertificate(aCertificate(), null).scope).toBe('session');
    expect(toCertificate(aCertificate({ sessionId: null, seriesId: 'z1' }), null).scope).toBe('series');
  });

  it('gives its instants as ISO text and nothing for what has not happened', () => {
    const view = toCertificate(aCertificate(), null);
    expect(view.issuedAt).toBe('2026-12-07T11:00:00.000Z');
    expect(view.revokedAt).toBeNull();
    expect(view.mailedAt).toBeNull();
    expect(view.replacedBy).toBeNull();
  });

  it('names the certificate that replaced a revoked one by its number, with the reason', () => {
    const revoked = aCertificate({
      status: 'revoked',
      revokedAt: new Date('2026-12-08T09:30:00Z'),
      revokeReason: 'Nama salah eja',
      replacedById: 'c2',
      mailedAt: new Date('2026-12-07T11:05:00Z'),
    });
    expect(toCertificate(revoked, 'SRB-2026-0043')).toMatchObject({
      status: 'revoked',
      revokedAt: '2026-12-08T09:30:00.000Z',
      revokeReason: 'Nama salah eja',
      replacedBy: 'SRB-2026-0043',
      mailedAt: '2026-12-07T11:05:00.000Z',
    });
  });

  it('shows the holder’s email and registration to organizers', () => {
    expect(toCertificate(aCertificate(), null)).toMatchObject({
      email: 'siti@example.id',
      registrationId: 'r1',
      origin: 'rule',
    });
  });
});

describe('a certificate as its holder sees it', () => {
  const links = { publicUrl: 'https://serambi.example', secret: 'rahasia-pribadi' };

  it('downloads its PDF through the holder’s personal link', () => {
    expect(toMyCertificate(aCertificate(), 'Menulis untuk Web', links).pdfUrl).toBe(
      '/registrations/rahasia-pribadi/certificates/SRB-2026-0042/pdf',
    );
  });

  it('points to the public verification page of its number, and leaves the email out', () => {
    const mine = toMyCertificate(aCertificate({ number: 'SRB/2026/7' }), 'Seri Menulis', links);
    expect(mine.verifyUrl).toBe('https://serambi.example/verify/SRB%2F2026%2F7');
    expect(mine).toMatchObject({ about: 'Seri Menulis', name: 'Siti Rahma', scope: 'session' });
    expect(mine).not.toHaveProperty('email');
  });
});

describe('a certificate on the public verification page', () => {
  const extra = { replacedBy: null, heldAt: new Date('2026-12-07T09:00:00Z'), timeZone: 'Asia/Jakarta' };

  it('prints the program’s title, and says what it is about, where and when', () => {
    const verification = toVerification(aCertificate(), aSubject({ title: 'Sertifikat Peserta', locale: 'id' }), extra);
    expect(verification).toMatchObject({
      number: 'SRB-2026-0042',
      status: 'valid',
      name: 'Siti Rahma',
      title: 'Sertifikat Peserta',
      about: 'Menulis untuk Web',
      community: 'Komunitas Penulis Bandung',
      heldAt: '2026-12-07T09:00:00.000Z',
      timeZone: 'Asia/Jakarta',
    });
  });

  it('falls back to the default title in the program’s language', () => {
    expect(toVerification(aCertificate(), aSubject({ title: null, locale: 'en' }), extra).title).toBe(
      'Certificate of Attendance',
    );
    expect(toVerification(aCertificate(), aSubject({ title: null, locale: 'id' }), extra).title).toBe(
      'Sertifikat Kehadiran',
    );
  });

  it('prints the Indonesian default when the program was removed after issuing', () => {
    expect(toVerification(aCertificate(), aSubject(null), extra).title).toBe('Sertifikat Kehadiran');
  });

  it('says nothing more private than the certificate prints: no email, no registration', () => {
    const verification = toVerification(aCertificate(), aSubject(null), { ...extra, heldAt: null });
    expect(verification).not.toHaveProperty('email');
    expect(verification).not.toHaveProperty('registrationId');
    expect(verification.heldAt).toBeNull();
  });
});
