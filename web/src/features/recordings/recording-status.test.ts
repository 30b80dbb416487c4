import { describe, expect, it } from 'vitest';
import { formatFileSize, isRecordingBusy } from './recording-status.ts';

describe('a recording’s status and size', () => {
  it('is busy while it runs or is being finished, settled once ready, failed or expired', () => {
    expect(['starting', 'recording', 'stopping', 'processing'].every((s) => isRecordingBusy(s as never))).toBe(true);
    expect(['ready', 'failed', 'expired'].some((s) => isRecordingBusy(s as never))).toBe(false);
  });

  it('is written in megabytes, or gigabytes from one, in the reader’s language', () => {
    expect(formatFileSize(734_200_000, 'en')).toBe('734 MB');
    expect(formatFileSize(1_250_000_000, 'en')).toBe('1.3 GB');
    expect(formatFileSize(1_250_000_000, 'id')).toBe('1,3 GB');
    expect(formatFileSize(5_000, 'en')).toBe('0.1 MB');
  });
});
