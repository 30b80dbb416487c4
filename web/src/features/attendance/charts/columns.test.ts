import { describe, expect, it } from 'vitest';
import { columnLayout } from './columns.ts';

const margin = { top: 20, bottom: 40, side: 10 };

describe('columns of the series charts', () => {
  it('stand side by side in each group, as tall as their share of the largest value', () => {
    const layout = columnLayout({
      width: 420,
      height: 240,
      margin,
      mode: 'grouped',
      groups: [
        [30, 15],
        [20, 10],
      ],
    });
    expect(layout.width).toBe(420);
    expect(layout.baseline).toBe(200);
    const [first, second] = layout.groups;
    expect(first?.center).toBe(10 + 100);
    expect(second?.center).toBe(10 + 300);
    // 30 is the top of the scale: 180 px of room above the baseline.
    expect(first?.bars.map((bar) => bar.height)).toEqual([180, 90]);
    expect(second?.bars.map((bar) => bar.height)).toEqual([120, 60]);
    // The second column of a group sits right of the first.
    expect((first?.bars[1]?.x ?? 0) > (first?.bars[0]?.x ?? 0)).toBe(true);
    // Each value is written just above its column.
    expect(first?.bars[0]?.label).toEqual({ y: 20 - 6, inside: false });
  });

  it('keep a readable width on a phone: with many sessions the chart becomes wider than the screen', () => {
    const groups = Array.from({ length: 12 }, () => [10, 8]);
    const layout = columnLayout({ width: 340, height: 240, margin, mode: 'grouped', groups });
    expect(layout.width).toBeGreaterThan(340);
    for (const bar of layout.groups.flatMap((group) => group.bars)) expect(bar.width).toBeGreaterThanOrEqual(20);
  });

  it('stack on top of each other with the total above, and a thin slice keeps its number out', () => {
    const layout = columnLayout({
      width: 300,
      height: 240,
      margin,
      mode: 'stacked',
      groups: [
        [1, 29],
        [10, 10],
      ],
    });
    const [first, second] = layout.groups;
    expect(first?.total).toEqual({ value: 30, y: 20 - 6 });
    expect(first?.bars[0]?.label).toBeNull();
    expect(first?.bars[1]?.label?.inside).toBe(true);
    // The second slice starts where the first ends.
    expect((second?.bars[1]?.y ?? 0) + (second?.bars[1]?.height ?? 0)).toBeCloseTo(second?.bars[0]?.y ?? -1);
    expect(second?.total?.value).toBe(20);
  });

  it('can be drawn against a fixed top, such as five stars, and leave a gap where there is no value', () => {
    const layout = columnLayout({ width: 300, height: 240, margin, mode: 'grouped', groups: [[4.5], [null]], max: 5 });
    expect(layout.groups[0]?.bars[0]?.height).toBeCloseTo(162);
    expect(layout.groups[1]?.bars[0]).toMatchObject({ value: null, height: 0 });
  });

  it('has a scale even when every value is zero', () => {
    const layout = columnLayout({ width: 300, height: 240, margin, mode: 'grouped', groups: [[0, 0]] });
    expect(layout.groups[0]?.bars.map((bar) => bar.height)).toEqual([0, 0]);
  });
});
