import { readFileSync } from 'node:fs';

/** sysconf(_SC_CLK_TCK) on Linux: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS = 100;

/**
 * User + system CPU seconds of a process (all threads), or of its main thread alone (Node's
 * JavaScript thread); 0 once it is gone.
 */
export function cpuSeconds(pid: number, mainThreadOnly = false): number {
  try {
    const stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** A process's children (a recorder's: its ffmpeg). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU seconds of a process and its children alive now (a recorder and its ffmpeg). */
export function treeCpuSeconds(pid: number): number {
  return cpuSeconds(pid) + childrenOf(pid).reduce((sum, child) => sum + cpuSeconds(child), 0);
}
