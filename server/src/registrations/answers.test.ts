import type { RegistrationQuestion } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from './answers.ts';

const messages = { missing: 'missing', invalid: 'invalid' };
const company: RegistrationQuestion = { id: 'company', label: 'Tempat kerja', kind: 'short-text', required: true };
const city: RegistrationQuestion = {
  id: 'city',
  label: 'Kota',
  kind: 'choice',
  required: true,
  options: ['Jakarta', 'Bandung'],
};
const consent: RegistrationQuestion = { id: 'consent', label: 'Setuju dihubungi', kind: 'checkbox', required: true };
const newsletter: RegistrationQuestion = { id: 'newsletter', label: 'Buletin', kind: 'checkbox', required: false };
const note: RegistrationQuestion = { id: 'note', label: 'Catatan', kind: 'short-text', required: false };

describe('answers to registration questions', () => {
  it('keeps answers that fit, trims text, and drops answers to questions that do not exist', () => {
    expect(checkAnswers([company, city], { company: ' Gojek ', city: 'Bandung', extra: 'x' }, messages)).toEqual({
      answers: { company: 'Gojek', city: 'Bandung' },
      errors: [],
    });
  });

  it('asks for each required question left out or empty', () => {
    expect(checkAnswers([company, city], { company: '' }, messages).errors).toEqual([
      { path: 'answers.company', message: 'missing' },
      { path: 'answers.city', message: 'missing' },
    ]);
  });

  it('lets an optional question go unanswered, keeping nothing for it', () => {
    expect(checkAnswers([note], {}, messages)).toEqual({ answers: {}, errors: [] });
    expect(checkAnswers([note], { note: '' }, messages)).toEqual({ answers: {}, errors: [] });
  });

  it('refuses a choice outside the options', () => {
    expect(checkAnswers([city], { city: 'Surabaya' }, messages).errors).toEqual([
      { path: 'answers.city', message: 'invalid' },
    ]);
  });

  it('takes a choice only as written: no trimming or case folding makes an option match', () => {
    expect(checkAnswers([city], { city: 'jakarta' }, messages).errors).toHaveLength(1);
  });

  it('counts an unticked required checkbox as unanswered: consent must be given', () => {
    expect(checkAnswers([consent], { consent: false }, messages).errors).toEqual([
      { path: 'answers.consent', message: 'missing' },
    ]);
  });

  it('keeps an unticked optional checkbox as an explicit no', () => {
    expect(checkAnswers([newsletter], {}, messages).answers).toEqual({ newsletter: false });
    expect(checkAnswers([newsletter], { newsletter: true }, messages).answers).toEqual({ newsletter: true });
  });

  it('refuses text where a checkbox is asked, and a tick where text is asked', () => {
    expect(checkAnswers([newsletter, note], { newsletter: 'yes', note: true }, messages).errors).toEqual([
      { path: 'answers.newsletter', message: 'invalid' },
      { path: 'answers.note', message: 'invalid' },
    ]);
  });
});
