import { For } from 'solid-js';
import './charts.css';

export interface RankedItem {
  label: string;
  value: number;
  /** Said after the number, e.g. "12 questions · 30 votes". */
  detail: string;
}

/**
 * A ranked list drawn as horizontal bars, longest first: the label is text, so it wraps on a
 * phone and screen readers read an ordinary numbered list.
 */
export function RankedBars(props: { items: RankedItem[]; label: string; testId?: string }) {
  const largest = () => Math.max(1, ...props.items.map((item) => item.value));
  return (
    <ol class="ranked-bars" aria-label={props.label} data-testid={props.testId}>
      <For each={props.items}>
        {(item, index) => (
          <li class="ranked-bars__item">
            <span class="ranked-bars__rank" aria-hidden="true">
              {index() + 1}
            </span>
            <span class="ranked-bars__label">{item.label}</span>
            <span class="ranked-bars__detail">{item.detail}</span>
            <span class="ranked-bars__track" aria-hidden="true">
              <span class="ranked-bars__fill" style={{ width: `${(item.value / largest()) * 100}%` }} />
            </span>
          </li>
        )}
      </For>
    </ol>
  );
}
