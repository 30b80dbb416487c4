import { describe, expect, it } from 'vitest';
import {
  isDatabaseUnavailable,
  isUniqueViolation,
  isUnstorableText,
  queryValuesOf,
  withoutQueryValues,
} from './errors.ts';

/** How drizzle wraps a driver's error: its own error, the driver's as the cause. */
const wrapped = (cause: object, params: unknown[] = []) =>
  Object.assign(new Error(`Failed query: select 1\nparams: ${String(params)}`), { query: 'select 1', params, cause });

describe('a write that would duplicate a unique value', () => {
  const duplicateSlug = { code: '23505', constraint: 'communities_slug_unique' };

  it('is recognised however deep the driver’s error sits', () => {
    expect(isUniqueViolation(duplicateSlug)).toBe(true);
    expect(isUniqueViolation(wrapped(duplicateSlug))).toBe(true);
    expect(isUniqueViolation(new Error('outer', { cause: wrapped(duplicateSlug) }))).toBe(true);
  });

  it('is recognised by the constraint when one is named, and only that one', () => {
    expect(isUniqueViolation(wrapped(duplicateSlug), 'communities_slug_unique')).toBe(true);
    expect(isUniqueViolation(wrapped(duplicateSlug), 'sessions_slug_unique')).toBe(false);
  });

  it('is not another error of the database, nor an error without a code', () => {
    expect(isUniqueViolation(wrapped({ code: '23503' }))).toBe(false);
    expect(isUniqueViolation(new Error('duplicate key value'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});

describe('text the database cannot store', () => {
  it('is a NUL in text (22021) or in jsonb (22P05)', () => {
    expect(isUnstorableText(wrapped({ code: '22021' }))).toBe(true);
    expect(isUnstorableText(wrapped({ code: '22P05' }))).toBe(true);
  });

  it('is not any other data error', () => {
    expect(isUnstorableText(wrapped({ code: '22P02' }))).toBe(false);
    expect(isUnstorableText(new Error('boom'))).toBe(false);
  });
});

describe('a database that cannot be reached', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EHOSTUNREACH',
    '57P01',
    '57P02',
    '57P03',
    '57014',
    '08006',
    '08001',
  ])('is an error with code %s', (code) => {
    expect(isDatabaseUnavailable(wrapped({ code }))).toBe(true);
  });

  it.each(['Connection terminated unexpectedly', 'timeout exceeded when trying to connect', 'Query read timeout'])(
    'is a driver’s error that only says so in words: %s',
    (message) => {
      expect(isDatabaseUnavailable(new Error('outer', { cause: new Error(message) }))).toBe(true);
    },
  );

  it('is not a query the database refused (a bug, or bad input)', () => {
    expect(isDatabaseUnavailable(wrapped({ code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(wrapped({ code: '42P01' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('syntax error at or near "selec"'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });

  it('looks no deeper than five causes, so a cycle of causes cannot hang it', () => {
    const loop: { code?: string; cause?: unknown } = {};
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});

describe('query values kept out of logs', () => {
  const token = 'sess_8f3a2c1b9d7e6f5a';
  const failed = wrapped({ message: `invalid input syntax for type uuid: "${token}"` }, [token, 1, true]);

  it('finds the values of every failed query in the cause chain', () => {
    expect(queryValuesOf(new Error('outer', { cause: failed }))).toEqual([[token, 1, true]]);
    expect(queryValuesOf(new Error('no query'))).toEqual([]);
  });

  it('replaces the params line with how many values there were', () => {
    expect(withoutQueryValues(failed.message, failed)).toBe('Failed query: select 1\nparams: (3 not logged)');
  });

  it('hides a value long enough to be a secret wherever it appears, also where the database quotes it', () => {
    const text = `invalid input syntax for type uuid: "${token}"`;
    expect(withoutQueryValues(text, failed)).toBe('invalid input syntax for type uuid: "(value not logged)"');
  });

  it('leaves short values in, since hiding "1" or "true" would garble the text and hide nothing', () => {
    expect(withoutQueryValues('page 1 of true results', failed)).toBe('page 1 of true results');
  });

  it('leaves text alone when the error carries no query', () => {
    expect(withoutQueryValues(`token ${token}`, new Error('plain'))).toBe(`token ${token}`);
  });
});
