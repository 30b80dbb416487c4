import { linearScale } from './scale.ts';

export interface PlacedBar {
  /** Which series (index into the chart's series). */
  series: number;
  value: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where its value is written; null when it would not fit (a thin slice of a stack). */
  label: { y: number; inside: boolean } | null;
}

export interface PlacedGroup {
  center: number;
  bars: PlacedBar[];
  /** Stacked columns: the whole column's value, written above it. */
  total: { value: number; y: number } | null;
}

export interface ColumnLayout {
  /** The drawing's width: the container's, or more when the groups need it (then it scrolls). */
  width: number;
  baseline: number;
  groups: PlacedGroup[];
}

/** A group never gets narrower than this per column in it, plus room around. */
const MIN_COLUMN_PX = 26;
const MIN_GROUP_PADDING_PX = 18;
const MAX_COLUMN_PX = 44;
/** A value goes inside a stacked slice only when the slice is at least this tall. */
const INSIDE_LABEL_MIN_PX = 18;
const LABEL_GAP_PX = 6;

/**
 * Where each column goes. Grouped: the series side by side in each group, each value above its
 * column. Stacked: the series on top of each other, values inside the slices that are tall
 * enough and the total above. The scale runs from 0 to `max` (default: the largest column).
 */
export function columnLayout(input: {
  width: number;
  height: number;
  margin: { top: number; bottom: number; side: number };
  groups: ReadonlyArray<ReadonlyArray<number | null>>;
  mode: 'grouped' | 'stacked';
  max?: number | undefined;
}): ColumnLayout {
  const { height, margin, groups, mode } = input;
  const seriesCount = Math.max(1, ...groups.map((values) => values.length));
  const columnsPerGroup = mode === 'grouped' ? seriesCount : 1;
  const minGroup = columnsPerGroup * MIN_COLUMN_PX + MIN_GROUP_PADDING_PX;
  const plotWidth = Math.max(input.width - 2 * margin.side, groups.length * minGroup);
  const groupWidth = plotWidth / Math.max(groups.length, 1);
  const columnWidth = Math.min(MAX_COLUMN_PX, (groupWidth * (mode === 'grouped' ? 0.78 : 0.56)) / columnsPerGroup);
  const baseline = height - margin.bottom;
  const tallest = Math.max(
    ...groups.map((values) =>
      mode === 'stacked'
        ? values.reduce<number>((sum, value) => sum + (value ?? 0), 0)
        : Math.max(0, ...values.map((value) => value ?? 0)),
    ),
    0,
  );
  const top = input.max ?? Math.max(tallest, 1);
  const y = linearScale([0, top], [baseline, margin.top]);

  const placed = groups.map((values, groupIndex): PlacedGroup => {
    const center = margin.side + groupWidth * (groupIndex + 0.5);
    if (mode === 'grouped') {
      const gap = columnsPerGroup > 1 ? 3 : 0;
      const span = columnsPerGroup * columnWidth + (columnsPerGroup - 1) * gap;
      const bars = values.map((value, series): PlacedBar => {
        const barTop = y(value ?? 0);
        return {
          series,
          value,
          x: center - span / 2 + series * (columnWidth + gap),
          y: barTop,
          width: columnWidth,
          height: baseline - barTop,
          label: { y: barTop - LABEL_GAP_PX, inside: false },
        };
      });
      return { center, bars, total: null };
    }
    let stackTop = baseline;
    const bars = values.map((value, series): PlacedBar => {
      const sliceHeight = baseline - y(value ?? 0);
      stackTop -= sliceHeight;
      const fits = sliceHeight >= INSIDE_LABEL_MIN_PX && (value ?? 0) > 0;
      return {
        series,
        value,
        x: center - columnWidth / 2,
        y: stackTop,
        width: columnWidth,
        height: sliceHeight,
        label: fits ? { y: stackTop + sliceHeight / 2 + 4, inside: true } : null,
      };
    });
    const total = values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
    return { center, bars, total: { value: total, y: stackTop - LABEL_GAP_PX } };
  });

  return { width: plotWidth + 2 * margin.side, baseline, groups: placed };
}
