import { For } from 'solid-js';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

/**
 * The numbers behind a chart as a plain table, folded away under "Show as a table": screen
 * readers get real rows and headers, and anyone can copy the figures.
 */
export function ChartTable(props: { caption: string; columns: string[]; rows: Array<Array<string | number>> }) {
  const { t } = useI18n();
  return (
    <details class="chart-table">
      <summary>{t('attendance.report.showTable')}</summary>
      <div class="chart-table__scroll">
        <table>
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <For each={props.columns}>{(column) => <th scope="col">{column}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <For each={row}>
                    {(cell, index) =>
                      index() === 0 ? <th scope="row">{cell}</th> : <td class="chart-table__number">{cell}</td>
                    }
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </details>
  );
}
