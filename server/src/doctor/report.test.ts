import { describe, expect, it } from 'vitest';
import { clockSkewSeconds } from './checks/service.ts';
import { DOCTOR_MESSAGES, doctorLanguage } from './messages.ts';
import { exitCodeOf, failed, formatResult, passed, skipped, summaryOf } from './report.ts';

const t = DOCTOR_MESSAGES.en;

describe('the doctor’s report', () => {
  it('speaks the locale’s language unless --lang says otherwise, and refuses an unknown --lang', () => {
    expect(doctorLanguage(undefined, { LANG: 'id_ID.UTF-8' })).toBe('id');
    expect(doctorLanguage(undefined, { LANG: 'id' })).toBe('id');
    expect(doctorLanguage(undefined, { LANG: 'en_US.UTF-8', LC_ALL: 'id_ID.UTF-8' })).toBe('id');
    expect(doctorLanguage(undefined, { LANG: 'it_IT.UTF-8' })).toBe('en');
    expect(doctorLanguage(undefined, {})).toBe('en');
    expect(doctorLanguage('en', { LANG: 'id_ID.UTF-8' })).toBe('en');
    expect(doctorLanguage('fr', {})).toBeUndefined();
  });

  it('puts a failure’s fix under its measurement, and exits 1 only when something failed', () => {
    const broken = failed('DNS turn.example.id', 'does not resolve (ENOTFOUND)', 'Add an A record.');
    expect(formatResult(broken, t, 20).split('\n')).toEqual([
      '✗  DNS turn.example.id   does not resolve (ENOTFOUND)',
      `   ${' '.repeat(20)}  Fix: Add an A record.`,
    ]);
    const fine = [passed('Clock', 'differ by 0 s'), skipped('Mail (SMTP)', 'skipped')];
    expect(formatResult(fine[1] ?? broken, t, 12)).toBe('–  Mail (SMTP)   skipped');
    expect(exitCodeOf(fine)).toBe(0);
    expect(summaryOf(fine, t)).toBe('All 1 checks passed (1 skipped).');
    expect(exitCodeOf([...fine, broken])).toBe(1);
    expect(summaryOf([...fine, broken], DOCTOR_MESSAGES.id)).toBe('1 pemeriksaan gagal, 1 lolos, 1 dilewati.');
  });

  it('counts clock skew outside the Date header’s second only', () => {
    const header = new Date('2026-12-07T10:00:00Z');
    const at = (iso: string) => new Date(iso).getTime();
    expect(clockSkewSeconds(header, at('2026-12-07T10:00:00.100Z'), at('2026-12-07T10:00:00.900Z'))).toBe(0);
    expect(clockSkewSeconds(header, at('2026-12-07T10:00:07.000Z'), at('2026-12-07T10:00:07.200Z'))).toBe(7);
    expect(clockSkewSeconds(header, at('2026-12-07T09:59:51.800Z'), at('2026-12-07T09:59:52.000Z'))).toBe(9);
  });
});
