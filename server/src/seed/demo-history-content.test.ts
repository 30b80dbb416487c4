import { addSessionPersonRequestSchema, askQuestionRequestSchema, registrationQuestionSchema } from '@serambi/shared';
import { describe, expect, it } from 'vitest';
import {
  HISTORY,
  HISTORY_COMMENTS,
  HISTORY_QUESTIONS,
  HISTORY_SPEAKERS,
  NEXT_TOPIC_QUESTION,
  seededRandom,
} from './demo-history-content.ts';

describe('the demo’s past series', () => {
  it('has one speaker per session, each one the API would take', () => {
    expect(HISTORY_SPEAKERS).toHaveLength(HISTORY.sessions);
    for (const speaker of HISTORY_SPEAKERS) expect(addSessionPersonRequestSchema.safeParse(speaker).success).toBe(true);
    expect(new Set(HISTORY_SPEAKERS.map((speaker) => speaker.email)).size).toBe(HISTORY.sessions);
  });

  it('has questions for sessions of the series, each one a participant could have asked', () => {
    expect(HISTORY_QUESTIONS.length).toBeGreaterThan(0);
    expect(HISTORY_QUESTIONS.length).toBeLessThanOrEqual(HISTORY.sessions);
    for (const questions of HISTORY_QUESTIONS) {
      expect(questions.length).toBeGreaterThan(0);
      for (const text of questions) expect(askQuestionRequestSchema.safeParse({ text }).success, text).toBe(true);
    }
  });

  it('has comments for every number of stars a form takes, from one to five', () => {
    expect(Object.keys(HISTORY_COMMENTS).map(Number).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('asks a next-topic question the feedback form would take', () => {
    expect(registrationQuestionSchema.parse(NEXT_TOPIC_QUESTION)).toEqual(NEXT_TOPIC_QUESTION);
  });
});

describe('the demo’s made-up numbers', () => {
  it('are the same on every run for the same seed, so the demo looks the same wherever it is seeded', () => {
    const first = seededRandom(42);
    const again = seededRandom(42);
    const a = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => again())).toEqual(a);
    expect(new Set(a).size).toBe(5);
  });

  it('differ between seeds', () => {
    expect(seededRandom(7)()).not.toBe(seededRandom(8)());
  });

  it('lie in [0, 1) and spread over it', () => {
    const random = seededRandom(1000);
    const values = Array.from({ length: 10_000 }, () => random());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const tenths = new Set(values.map((value) => Math.floor(value * 10)));
    expect(tenths.size).toBe(10);
  });
});
