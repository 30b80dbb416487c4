import type { FeedbackForm } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { checkedAnswers } from './answers.ts';

/** Where the attendee works (required), which topic they want next, and whether to be told of the next one. */
const form: FeedbackForm = {
  enabled: true,
  questions: [
    { id: 'company', label: 'Tempat kerja', kind: 'short-text', required: true },
    { id: 'next-topic', label: 'Topik berikutnya', kind: 'choice', required: false, options: ['Go', 'Rust'] },
    { id: 'keep-me-posted', label: 'Kabari saya', kind: 'checkbox', required: false },
  ],
};

/** The field errors of a refused answer, or the answers kept. */
function outcomeOf(answers: Record<string, string | boolean>, locale: 'id' | 'en' = 'en') {
  try {
    return { kept: checkedAnswers(form, answers, locale) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { errors: error.extra.errors };
    throw error;
  }
}

describe('answers to the organizer’s questions', () => {
  it('keeps the answers that fit, trimmed, and an unticked checkbox as no', () => {
    expect(outcomeOf({ company: '  Gojek ', 'next-topic': 'Rust' })).toEqual({
      kept: { company: 'Gojek', 'next-topic': 'Rust', 'keep-me-posted': false },
    });
  });

  it('keeps a ticked checkbox as yes', () => {
    expect(outcomeOf({ company: 'Tokopedia', 'keep-me-posted': true }).kept).toMatchObject({ 'keep-me-posted': true });
  });

  it('asks for a required answer left out or left empty, in the person’s language', () => {
    expect(outcomeOf({})).toEqual({
      errors: [{ path: 'answers.company', message: 'This question must be answered.' }],
    });
    expect(outcomeOf({ company: '' }, 'id')).toEqual({
      errors: [{ path: 'answers.company', message: 'Pertanyaan ini wajib dijawab.' }],
    });
  });

  it('refuses a choice that is not one of the options', () => {
    expect(outcomeOf({ company: 'Gojek', 'next-topic': 'Kotlin' })).toEqual({
      errors: [{ path: 'answers.next-topic', message: 'This answer is not one of the choices.' }],
    });
  });

  it('refuses an answer to a question the form does not have, rather than dropping it silently', () => {
    expect(outcomeOf({ company: 'Gojek', 'old-question': 'ya' })).toEqual({
      errors: [
        {
          path: 'answers.old-question',
          message: 'This question is not on the feedback form. Reload the page and try again.',
        },
      ],
    });
  });

  it('names every problem at once: the form’s own first, then the unknown questions', () => {
    const { errors } = outcomeOf({ 'next-topic': 'Kotlin', removed: true });
    expect(errors?.map((error) => error.path)).toEqual(['answers.company', 'answers.next-topic', 'answers.removed']);
  });

  it('takes no answers at all for a form with no questions of its own', () => {
    expect(checkedAnswers({ enabled: true, questions: [] }, {}, 'en')).toEqual({});
  });
});
