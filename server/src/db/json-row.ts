import { getTableColumns, type InferSelectModel, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * A whole row of `table` as one jsonb value (`to_jsonb`), for a query that carries rows of
 * several tables in one column (a union); `rowFromJson` reads it back. Written `table.*`: a bare
 * table name would be taken for a column of that name where an outer query has one (a lateral
 * subquery beside `sessions.questions` would read that column instead of the row).
 */
export function jsonOfRow(table: PgTable): SQL<unknown> {
  return sql`to_jsonb(${table}.*)`;
}

/**
 * The row `jsonOfRow` wrote, read as drizzle reads a row from the driver: each column's own
 * mapping (timestamps become Dates, through the schema's `timestamp` that reads PostgreSQL's JSON
 * form too), and null stays null.
 */
export function rowFromJson<T extends PgTable>(table: T, json: unknown): InferSelectModel<T> {
  const stored = json as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = stored[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
