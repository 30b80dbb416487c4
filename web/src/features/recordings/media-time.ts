import type { Chapter } from '@serambi/shared';

/** A position in a video as players write it: "4:05", or "1:02:09" past the hour. */
export function formatMediaTime(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${twoDigits(seconds)}` : `${minutes}:${twoDigits(seconds)}`;
}

/**
 * The chapter playing at `time` seconds: the last one that began at or before it, or -1 before
 * the first. Chapters come in the order they were pinned, which is the order of `at`.
 */
export function chapterAt(chapters: readonly Pick<Chapter, 'at'>[], time: number): number {
  let current = -1;
  chapters.forEach((chapter, index) => {
    if (chapter.at <= time) current = index;
  });
  return current;
}
