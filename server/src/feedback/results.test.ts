import type { FeedbackForm } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import { resultsOf } from './results.ts';

const form: FeedbackForm = {
  enabled: true,
  questions: [
    { id: 'company', label: 'Tempat kerja', kind: 'short-text', required: false },
    { id: 'next-topic', label: 'Topik berikutnya', kind: 'choice', required: false, options: ['Go', 'Rust'] },
    { id: 'keep-me-posted', label: 'Kabari saya', kind: 'checkbox', required: false },
  ],
};

let minute = 0;
/** One person's answer; each later than the one before, as the rows come newest first in practice. */
function anAnswer(rating: number, answers: Record<string, string | boolean> = {}, comment = '', name = 'Budi') {
  minute++;
  return { rating, comment, answers, name, updatedAt: new Date(Date.UTC(2025, 2, 1, 11, minute)) };
}

describe('what the feedback adds up to', () => {
  it('says there is nothing yet, with no average, when nobody answered', () => {
    expect(resultsOf(form, [])).toEqual({
      responses: 0,
      averageRating: null,
      ratingCounts: [0, 0, 0, 0, 0],
      questions: [
        { id: 'company', label: 'Tempat kerja', kind: 'short-text', counts: {}, texts: [] },
        { id: 'next-topic', label: 'Topik berikutnya', kind: 'choice', counts: { Go: 0, Rust: 0 }, texts: [] },
        { id: 'keep-me-posted', label: 'Kabari saya', kind: 'checkbox', counts: { yes: 0, no: 0 }, texts: [] },
      ],
      comments: [],
    });
  });

  it('counts each rating from one star to five, and averages them to two decimals', () => {
    const results = resultsOf(form, [anAnswer(5), anAnswer(4), anAnswer(4)]);
    expect(results.responses).toBe(3);
    expect(results.ratingCounts).toEqual([0, 0, 0, 2, 1]);
    expect(results.averageRating).toBe(4.33);
  });

  it('counts each choice per option, with an option no longer on the form still showing what it got', () => {
    const rows = [
      anAnswer(5, { 'next-topic': 'Rust' }),
      anAnswer(4, { 'next-topic': 'Rust' }),
      anAnswer(3, { 'next-topic': 'Kotlin' }),
    ];
    expect(resultsOf(form, rows).questions[1]?.counts).toEqual({ Go: 0, Rust: 2, Kotlin: 1 });
  });

  it('counts checkboxes as yes and no, leaving out those who were never asked', () => {
    const rows = [anAnswer(5, { 'keep-me-posted': true }), anAnswer(4, { 'keep-me-posted': false }), anAnswer(4)];
    expect(resultsOf(form, rows).questions[2]?.counts).toEqual({ yes: 1, no: 1 });
  });

  it('lists short texts as written, without the empty ones', () => {
    const rows = [
      anAnswer(5, { company: 'Gojek' }),
      anAnswer(4, { company: '' }),
      anAnswer(4, { company: 'Bukalapak' }),
    ];
    expect(resultsOf(form, rows).questions[0]).toMatchObject({ counts: {}, texts: ['Gojek', 'Bukalapak'] });
  });

  it('lists the comments in the order given, each with its name, rating and time; empty comments left out', () => {
    const first = anAnswer(5, {}, 'Mantap!', 'Sari');
    const silent = anAnswer(3);
    const second = anAnswer(2, {}, 'Audio putus-putus', 'Rudi');
    expect(resultsOf(form, [second, silent, first]).comments).toEqual([
      { name: 'Rudi', rating: 2, comment: 'Audio putus-putus', at: second.updatedAt.toISOString() },
      { name: 'Sari', rating: 5, comment: 'Mantap!', at: first.updatedAt.toISOString() },
    ]);
  });

  it('follows the form’s questions as they are now: an answer to a removed question is not tallied', () => {
    const results = resultsOf({ enabled: true, questions: [] }, [anAnswer(4, { company: 'Gojek' })]);
    expect(results.questions).toEqual([]);
    expect(results.responses).toBe(1);
  });
});
