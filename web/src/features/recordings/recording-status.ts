import { intlLocaleOf, type Locale, type RecordingStatus } from '@serambi/shared';

/** Statuses that still change by themselves: running, or being finished into a replay. */
const BUSY: readonly RecordingStatus[] = ['starting', 'recording', 'stopping', 'processing'];

export const isRecordingBusy = (status: RecordingStatus) => BUSY.includes(status);

/** "734 MB", "1,2 GB": the size of a recording's file in the reader's language. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const gigabytes = bytes / 1_000_000_000;
  const [value, unit] = gigabytes >= 1 ? [gigabytes, 'gigabyte'] : [Math.max(bytes / 1_000_000, 0.1), 'megabyte'];
  return new Intl.NumberFormat(intlLocaleOf(locale), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}
