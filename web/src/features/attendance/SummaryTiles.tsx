import { For, Show } from 'solid-js';

export interface Tile {
  label: string;
  value: string;
  /** A line under the number: "18 of 30 registered", "at 20.31". */
  detail?: string;
  testId?: string;
}

/** The few numbers a report starts with, large, in a row that wraps on a phone. */
export function SummaryTiles(props: { tiles: Tile[]; label: string }) {
  return (
    <dl class="summary-tiles" aria-label={props.label}>
      <For each={props.tiles}>
        {(tile) => (
          <div class="summary-tiles__tile" data-testid={tile.testId}>
            <dt class="summary-tiles__label">{tile.label}</dt>
            <dd class="summary-tiles__value">{tile.value}</dd>
            <Show when={tile.detail}>
              <dd class="summary-tiles__detail">{tile.detail}</dd>
            </Show>
          </div>
        )}
      </For>
    </dl>
  );
}
