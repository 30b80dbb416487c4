import { describe, expect, it } from 'vitest';
import { numberFormatter } from './number-format.ts';

describe('numbers on the attendance report', () => {
  it('group thousands as each language does', () => {
    expect(numberFormatter('id')(1250)).toBe('1.250');
    expect(numberFormatter('en')(1250)).toBe('1,250');
  });
});
