import { createUniqueId, For, type JSX, Show } from 'solid-js';

/** A number shown next to a tab's label (raised hands, people waiting), with words for screen readers. */
export interface TabCount {
  value: number;
  description: string;
}

/**
 * Tabs as the ARIA pattern has them: one tab stop, arrow keys (and Home/End) move between tabs
 * and select them. Every panel stays mounted, so a typed search or draft survives a switch.
 */
export function ConsoleTabs<Id extends string>(props: {
  label: string;
  /** By id, so a changing label or count never remounts a tab or its panel. */
  tabs: readonly Id[];
  labelOf: (id: Id) => string;
  countOf?: (id: Id) => TabCount | undefined;
  selected: Id;
  onSelect: (id: Id) => void;
  panel: (id: Id) => JSX.Element;
}) {
  const prefix = createUniqueId();
  const tabId = (id: Id) => `${prefix}-tab-${id}`;
  const panelId = (id: Id) => `${prefix}-panel-${id}`;
  let list: HTMLDivElement | undefined;
  const countShown = (id: Id) => {
    const count = props.countOf?.(id);
    return count && count.value > 0 ? count : undefined;
  };

  const move = (event: KeyboardEvent, index: number) => {
    const last = props.tabs.length - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    const tab = next === undefined ? undefined : props.tabs[next];
    if (!tab) return;
    event.preventDefault();
    props.onSelect(tab);
    list?.querySelector<HTMLElement>(`#${CSS.escape(tabId(tab))}`)?.focus();
  };

  return (
    <>
      <div ref={list} class="console-tabs" role="tablist" aria-label={props.label}>
        <For each={props.tabs}>
          {(tab, index) => (
            <button
              type="button"
              role="tab"
              id={tabId(tab)}
              class="console-tabs__tab"
              data-testid={`console-tab-${tab}`}
              aria-selected={props.selected === tab}
              aria-controls={panelId(tab)}
              tabindex={props.selected === tab ? 0 : -1}
              onClick={() => props.onSelect(tab)}
              onKeyDown={(event) => move(event, index())}
            >
              {props.labelOf(tab)}
              <Show when={countShown(tab)}>
                {(count) => (
                  <span class="console-tabs__count">
                    <span aria-hidden="true">{count().value}</span>
                    <span class="visually-hidden">{count().description}</span>
                  </span>
                )}
              </Show>
            </button>
          )}
        </For>
      </div>
      <For each={props.tabs}>
        {(tab) => (
          <div
            role="tabpanel"
            id={panelId(tab)}
            class="console-panel"
            aria-labelledby={tabId(tab)}
            hidden={props.selected !== tab}
          >
            {props.panel(tab)}
          </div>
        )}
      </For>
    </>
  );
}
