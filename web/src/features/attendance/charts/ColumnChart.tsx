import { createMemo, For, Index, Show } from 'solid-js';
import { ChartTable } from './ChartTable.tsx';
import { columnLayout } from './columns.ts';
import { createWidth } from './create-width.ts';
import './charts.css';

/** The colours a series of columns may take (charts.css), calm and told apart by lightness too. */
export type ColumnTone = 'registered' | 'attended' | 'returning' | 'new' | 'people' | 'rating';

export interface ColumnSeries {
  label: string;
  tone: ColumnTone;
}

export interface ColumnGroup {
  /** Under the columns: "#3". */
  label: string;
  /** A second line under it, e.g. the attendance rate. */
  note?: string;
  /** What the group is, in full, for the table and the pointer's tooltip: "#3 Ulasan tamu". */
  title: string;
  /** One value per series; null where there is none (no rating yet). */
  values: Array<number | null>;
}

const HEIGHT = 230;
const MARGIN = { top: 26, bottom: 50, side: 8 };

/**
 * Columns per group, side by side (`grouped`) or on top of each other (`stacked`), with each
 * value written on its column: no axis to read across. Groups keep a usable width on a phone;
 * when there are more than fit, the chart scrolls sideways.
 */
export function ColumnChart(props: {
  series: ColumnSeries[];
  groups: ColumnGroup[];
  mode: 'grouped' | 'stacked';
  /** The chart in one sentence, for its `img` role. */
  summary: string;
  caption: string;
  format: (value: number) => string;
  /** The top of the scale; the largest value (or stack) when absent. */
  max?: number;
  /** Under the groups' labels: what they count ("Sessions attended"). */
  axisLabel?: string;
  testId?: string;
}) {
  const { width, ref } = createWidth(600);
  const layout = createMemo(() =>
    columnLayout({
      width: width(),
      height: HEIGHT,
      margin: MARGIN,
      groups: props.groups.map((group) => group.values),
      mode: props.mode,
      max: props.max,
    }),
  );
  return (
    <figure class="chart column-chart" data-testid={props.testId}>
      <Show when={props.series.length > 1}>
        <ul class="chart__legend" aria-hidden="true">
          <For each={props.series}>
            {(series) => (
              <li>
                <span class={`chart__swatch chart__swatch--${series.tone}`} />
                {series.label}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div ref={ref} class="chart__plot chart__plot--scroll" role="img" aria-label={props.summary}>
        <svg width={layout().width} height={HEIGHT} viewBox={`0 0 ${layout().width} ${HEIGHT}`} aria-hidden="true">
          <line
            class="chart__baseline"
            x1={MARGIN.side}
            x2={layout().width - MARGIN.side}
            y1={layout().baseline}
            y2={layout().baseline}
          />
          <Index each={props.groups}>
            {(group, groupIndex) => {
              const place = () => layout().groups[groupIndex];
              return (
                <g class="column-chart__group">
                  <title>{group().title}</title>
                  <Index each={place()?.bars ?? []}>
                    {(bar) => (
                      <>
                        <rect
                          class={`chart__bar chart__bar--${props.series[bar().series]?.tone ?? 'people'}`}
                          x={bar().x}
                          y={bar().y}
                          width={bar().width}
                          height={Math.max(bar().height, 0)}
                          rx={Math.min(4, bar().width / 4)}
                        />
                        <Show when={bar().label}>
                          {(label) => (
                            <text
                              class={`chart__value ${label().inside ? `chart__value--inside chart__value--on-${props.series[bar().series]?.tone ?? 'people'}` : ''}`}
                              x={bar().x + bar().width / 2}
                              y={label().y}
                              text-anchor="middle"
                            >
                              {bar().value === null ? '—' : props.format(bar().value ?? 0)}
                            </text>
                          )}
                        </Show>
                      </>
                    )}
                  </Index>
                  <Show when={place()?.total}>
                    {(total) => (
                      <text class="chart__value" x={place()?.center ?? 0} y={total().y} text-anchor="middle">
                        {props.format(total().value)}
                      </text>
                    )}
                  </Show>
                  <text
                    class="chart__tick chart__tick--strong"
                    x={place()?.center ?? 0}
                    y={layout().baseline + 18}
                    text-anchor="middle"
                  >
                    {group().label}
                  </text>
                  <Show when={group().note}>
                    <text class="chart__tick" x={place()?.center ?? 0} y={layout().baseline + 36} text-anchor="middle">
                      {group().note}
                    </text>
                  </Show>
                </g>
              );
            }}
          </Index>
        </svg>
      </div>
      <Show when={props.axisLabel}>
        <p class="chart__axis-label" aria-hidden="true">
          {props.axisLabel}
        </p>
      </Show>
      <ChartTable
        caption={props.caption}
        columns={['', ...props.series.map((series) => series.label)]}
        rows={props.groups.map((group) => [
          group.note ? `${group.title} (${group.note})` : group.title,
          ...group.values.map((value) => (value === null ? '—' : props.format(value))),
        ])}
      />
    </figure>
  );
}
