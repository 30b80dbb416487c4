import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer } from './debounce.ts';

describe('createDebouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('acts once, with the last value, after calls stop for the delay', () => {
    const seen: string[] = [];
    const debouncer = createDebouncer((value: string) => seen.push(value), 1000);
    debouncer.call('a');
    vi.advanceTimersByTime(600);
    debouncer.call('an');
    vi.advanceTimersByTime(600);
    debouncer.call('ani');
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['ani']);
  });

  it('does not act after it was cancelled', () => {
    const seen: number[] = [];
    const debouncer = createDebouncer((value: number) => seen.push(value), 250);
    debouncer.call(1);
    debouncer.cancel();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
  });
});
