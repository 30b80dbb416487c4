import { describe, expect, it } from 'vitest';
import { createOwnReactions, floatsForBurst } from './reaction-burst.ts';

describe('reaction bursts', () => {
  it('floats every reaction of a small burst, kinds interleaved', () => {
    expect(floatsForBurst({ clap: 3, heart: 1 })).toEqual(['clap', 'heart', 'clap', 'clap']);
  });

  it('draws at most the cap for a storm, each kind keeping a share', () => {
    const floats = floatsForBurst({ clap: 900, heart: 90, party: 1 }, 30);
    expect(floats).toHaveLength(30);
    expect(floats.filter((kind) => kind === 'party')).toHaveLength(1);
    expect(floats.filter((kind) => kind === 'heart').length).toBeGreaterThanOrEqual(2);
    expect(floats.filter((kind) => kind === 'clap').length).toBeGreaterThan(20);
  });

  it('does not float my own reactions twice, but floats what others sent', () => {
    let now = 0;
    const own = createOwnReactions(() => now, 5_000);
    own.sent('clap');
    own.sent('clap');
    expect(own.othersIn({ clap: 3, heart: 1 })).toEqual({ clap: 1, heart: 1 });
    expect(own.othersIn({ clap: 2 })).toEqual({ clap: 2 });
    own.sent('wow');
    now = 6_000;
    expect(own.othersIn({ wow: 1 })).toEqual({ wow: 1 });
  });
});
