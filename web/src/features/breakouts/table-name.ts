import type { BreakoutTable } from '@serambi/shared';
import type { I18n } from '../../i18n/I18nProvider.tsx';

/** A table as people read it: its name, or "Table 3" in their language. */
export const tableName = (t: I18n['t'], table: Pick<BreakoutTable, 'name' | 'number'>) =>
  table.name ?? t('breakouts.tableNumber', { n: table.number });
