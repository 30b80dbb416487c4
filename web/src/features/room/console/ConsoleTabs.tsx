import { createUniqueId, For, type JSX } from 'solid-js';
import { type TabCount, TabList } from '../TabList.tsx';

export type { TabCount };

/**
 * Tabs with their panels: every panel stays mounted, so a typed search or draft survives a
 * switch (the keyboard pattern is TabList's).
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
  return (
    <>
      <TabList
        label={props.label}
        tabs={props.tabs}
        labelOf={props.labelOf}
        countOf={props.countOf}
        selected={props.selected}
        onSelect={props.onSelect}
        tabId={tabId}
        panelId={panelId}
        class="console-tabs"
        testIdPrefix="console-tab"
      />
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
