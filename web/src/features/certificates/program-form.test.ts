import type { CertificateProgram } from '@serambi/shared';
import { updateCertificateProgramRequestSchema } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { formValuesOf, minutesNeeded, requestOf } from './program-form.ts';

const program: CertificateProgram = {
  scope: 'series',
  inherited: false,
  enabled: true,
  minAttendancePercent: 75,
  requireFeedback: true,
  title: null,
  locale: 'id',
  logo: null,
  signatories: [{ name: 'Made Wirawan', title: 'Ketua Komunitas', signature: null }],
  minSessions: 4,
  sessionCount: 6,
};

describe('the certificate program form', () => {
  it('sends back what it was given, unchanged', () => {
    const request = requestOf(formValuesOf(program), 'series');
    expect(request).toEqual({
      enabled: true,
      minAttendancePercent: 75,
      requireFeedback: true,
      title: null,
      locale: 'id',
      logo: null,
      signatories: [{ name: 'Made Wirawan', title: 'Ketua Komunitas', signature: null }],
      minSessions: 4,
    });
    expect(updateCertificateProgramRequestSchema.safeParse(request).success).toBe(true);
  });

  it('turns an empty title into the default one and trims names', () => {
    const values = {
      ...formValuesOf(program),
      title: '   ',
      signatories: [{ name: ' Ni Luh ', title: '', signature: null }],
    };
    const request = requestOf(values, 'series');
    expect(request.title).toBeNull();
    expect(request.signatories).toEqual([{ name: 'Ni Luh', title: '', signature: null }]);
  });

  it('gives no series certificate when it is switched off, and a session never sends one', () => {
    expect(requestOf({ ...formValuesOf(program), seriesCertificate: false }, 'series').minSessions).toBeNull();
    expect(requestOf(formValuesOf(program), 'session').minSessions).toBeNull();
  });

  it('lets the shared schema point at a percentage that is not a whole number from 1 to 100', () => {
    for (const typed of ['', '0', '101', '7.5', 'tujuh']) {
      const request = requestOf({ ...formValuesOf(program), minAttendancePercent: typed }, 'series');
      const checked = updateCertificateProgramRequestSchema.safeParse(request);
      expect(checked.success).toBe(false);
      expect(checked.error?.issues[0]?.path).toEqual(['minAttendancePercent']);
    }
  });

  it('says how many minutes a percentage asks, rounded up', () => {
    expect(minutesNeeded(75, 90)).toBe(68);
    expect(minutesNeeded(100, 45)).toBe(45);
    expect(minutesNeeded(50, 0)).toBe(0);
  });
});
