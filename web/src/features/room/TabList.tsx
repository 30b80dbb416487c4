import { For, Show } from 'solid-js';
import { tabIndexAfterKey } from './tab-keys.ts';

/** A number shown next to a tab's label (raised hands, new messages), with words for screen readers. */
export interface TabCount {
  value: number;
  description: string;
}

/**
 * A row of tabs as the ARIA pattern has it: one tab stop, arrow keys (and Home/End) move
 * between tabs and select them. The panels are the caller's: `tabId` and `panelId` tie them.
 */
export function TabList<Id extends string>(props: {
  label: string;
  /** By id, so a changing label or count never remounts a tab. */
  tabs: readonly Id[];
  labelOf: (id: Id) => string;
  countOf?: (id: Id) => TabCount | undefined;
  selected: Id;
  onSelect: (id: Id) => void;
  tabId: (id: Id) => string;
  panelId: (id: Id) => string;
  /** The block of the CSS classes: `<class>`, `<class>__tab`, `<class>__count`. */
  class: string;
  testIdPrefix: string;
}) {
  let list: HTMLDivElement | undefined;
  const countShown = (id: Id) => {
    const count = props.countOf?.(id);
    return count && count.value > 0 ? count : undefined;
  };

  const move = (event: KeyboardEvent, index: number) => {
    const next = tabIndexAfterKey(event.key, index, props.tabs.length);
    const tab = next === undefined ? undefined : props.tabs[next];
    if (!tab) return;
    event.preventDefault();
    props.onSelect(tab);
    list?.querySelector<HTMLElement>(`#${CSS.escape(props.tabId(tab))}`)?.focus();
  };

  return (
    <div ref={list} class={props.class} role="tablist" aria-label={props.label}>
      <For each={props.tabs}>
        {(tab, index) => (
          <button
            type="button"
            role="tab"
            id={props.tabId(tab)}
            class={`${props.class}__tab`}
            data-testid={`${props.testIdPrefix}-${tab}`}
            aria-selected={props.selected === tab}
            aria-controls={props.panelId(tab)}
            tabindex={props.selected === tab ? 0 : -1}
            onClick={() => props.onSelect(tab)}
            onKeyDown={(event) => move(event, index())}
          >
            {props.labelOf(tab)}
            <Show when={countShown(tab)}>
              {(count) => (
                <span class={`${props.class}__count`}>
                  <span aria-hidden="true">{count().value}</span>
                  <span class="visually-hidden">{count().description}</span>
                </span>
              )}
            </Show>
          </button>
        )}
      </For>
    </div>
  );
}
