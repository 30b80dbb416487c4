import type { ColumnBaseConfig, ColumnBuilderBaseConfig } from 'drizzle-orm';
import {
  type AnyPgTable,
  PgTimestamp,
  PgTimestampBuilder,
  type PgTimestampBuilderInitial,
  type Precision,
} from 'drizzle-orm/pg-core';

/**
 * drizzle's `timestamp` column, reading PostgreSQL's text the way PostgreSQL writes it. drizzle
 * reads a `timestamptz` with `new Date(text)`, and V8 reads "0026-01-01 00:01:00+00" as no date
 * at all, "0001-01-01 00:00:00+00" as 2001, "0050-…" as 1950, an old local time with a seconds
 * offset ("+07:07:12") and "44 BC" as nothing: one such row made every page and feed that lists
 * it answer 500. The schemas import `timestamp` from here instead of drizzle-orm/pg-core; the SQL
 * type, and so the migrations, stay the same.
 */
export function timestamp<TName extends string>(
  name: TName,
  config: { withTimezone: true; precision?: Precision },
): PgTimestampBuilderInitial<TName> {
  return new InstantBuilder(name, config.withTimezone, config.precision) as unknown as PgTimestampBuilderInitial<TName>;
}

class InstantBuilder<T extends ColumnBuilderBaseConfig<'date', 'PgTimestamp'>> extends PgTimestampBuilder<T> {
  /** drizzle builds each column from its builder when the table is defined. */
  build(table: AnyPgTable<{ name: string }>) {
    return new InstantColumn(table, this.config as never);
  }
}

class InstantColumn<T extends ColumnBaseConfig<'date', 'PgTimestamp'>> extends PgTimestamp<T> {
  override mapFromDriverValue(value: Date | string): Date {
    return typeof value === 'string' ? parsePostgresTimestamp(value) : value;
  }
}

/**
 * Past this, a stored instant reads as this: a Date holds ±8.64e15 ms (year 275760), PostgreSQL
 * up to the year 294276, and readers add durations and retention periods to what they read.
 */
const READABLE_LATEST_MS = Date.UTC(200_000, 0, 1);
const READABLE_EARLIEST_MS = Date.UTC(-200_000, 0, 1);

// "2026-12-06 20:00:00.123456+08", "0026-01-01 00:01:00+00", "1800-01-01 07:07:12+07:07:12",
// "0044-03-15 00:00:00+00 BC", and the same with a "T" and "+00:00" inside JSON.
const POSTGRES_TIMESTAMP =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?( BC)?$/;

/** An instant as PostgreSQL writes a `timestamptz` (DateStyle ISO, or inside JSON); never an invalid Date. */
export function parsePostgresTimestamp(text: string): Date {
  if (text === 'infinity') return new Date(READABLE_LATEST_MS);
  if (text === '-infinity') return new Date(READABLE_EARLIEST_MS);
  const match = POSTGRES_TIMESTAMP.exec(text);
  if (!match) throw new RangeError(`Not a PostgreSQL timestamp: ${text}`);
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes, offsetSeconds, bc] =
    match;
  // 1 BC is the year 0 of the proleptic Gregorian calendar that Date counts in.
  const fullYear = bc ? 1 - Number(year) : Number(year);
  if (fullYear >= 200_000) return new Date(READABLE_LATEST_MS);
  if (fullYear <= -200_000) return new Date(READABLE_EARLIEST_MS);
  const local = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes the years 0–99 as they are.
  local.setUTCFullYear(fullYear, Number(month) - 1, Number(day));
  local.setUTCHours(Number(hour), Number(minute), Number(second), Number((fraction ?? '').padEnd(3, '0').slice(0, 3)));
  const offset =
    (Number(offsetHours ?? 0) * 3600 + Number(offsetMinutes ?? 0) * 60 + Number(offsetSeconds ?? 0)) * 1000;
  return new Date(local.getTime() - (sign === '-' ? -offset : offset));
}
