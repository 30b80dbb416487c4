/**
 * The capacity bench's measuring tools: the CPU seconds of a process (and its children) and of
 * the machine from /proc, and the audience: rtc-node viewers in child processes
 * (capacity-viewers.ts), VIEWERS_PER_PROCESS each, driven over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromViewers, ToViewers, ViewerStats } from './capacity-viewers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** rtc-node Rooms per child process. */
const VIEWERS_PER_PROCESS = 25;
const CLOCK_TICKS = 100;

/** User + system CPU seconds of a process, all threads. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of a process and every process below it (Chromium's renderer, GPU, network…). */
export function treeCpuSeconds(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let seconds = 0;
  for (const pid of tree) {
    try {
      seconds += cpuSeconds(pid);
    } catch {}
  }
  return seconds;
}

/** Idle CPU seconds of the whole machine (all cores), from /proc/stat. */
export function idleSeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  return (Number(fields[4]) + Number(fields[5])) / CLOCK_TICKS;
}

/** One child process of viewers (capacity-viewers.ts), driven over IPC one request at a time. */
class ViewersProcess {
  readonly child: ChildProcess;
  joined = 0;
  private readonly replies: Array<(message: FromViewers) => void> = [];
  private chain: Promise<unknown> = Promise.resolve();
  readonly ready: Promise<FromViewers>;

  constructor() {
    // NODE_ENV=production: rtc-node logs at info, not a debug line per connect.
    this.child = fork(path.join(here, 'capacity-viewers.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    this.ready = new Promise((resolve) => this.replies.push(resolve));
    this.child.on('message', (message: FromViewers) => this.replies.shift()?.(message));
  }

  /** Requests one at a time, so each reply answers the request it follows. */
  private ask(message: ToViewers): Promise<FromViewers> {
    const asked = this.chain.then(
      () =>
        new Promise<FromViewers>((resolve) => {
          this.replies.push(resolve);
          this.child.send(message);
        }),
    );
    this.chain = asked;
    return asked;
  }

  async join(url: string, token: string): Promise<void> {
    this.joined++;
    const reply = await this.ask({ type: 'join', url, token });
    if (reply.type !== 'joined') throw new Error(`a viewer did not join: ${JSON.stringify(reply)}`);
  }

  async stats(): Promise<ViewerStats> {
    const reply = await this.ask({ type: 'stats' });
    if (reply.type !== 'stats') throw new Error(`unexpected answer to stats: ${reply.type}`);
    return reply;
  }

  async quit(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'quit' } satisfies ToViewers);
    await exited;
  }
}

/** The audience: as many viewer processes as it takes, VIEWERS_PER_PROCESS each. */
export class Audience {
  readonly processes: ViewersProcess[] = [];

  pids(): number[] {
    return this.processes.map((p) => p.child.pid ?? -1);
  }

  /** Joins one viewer, in a process with room for it. */
  async join(url: string, token: string): Promise<void> {
    let home = this.processes.find((p) => p.joined < VIEWERS_PER_PROCESS);
    if (!home) {
      home = new ViewersProcess();
      this.processes.push(home);
    }
    await home.ready;
    await home.join(url, token);
  }

  async stats(): Promise<ViewerStats> {
    const each = await Promise.all(this.processes.map((p) => p.stats()));
    return {
      viewers: each.reduce((s, x) => s + x.viewers, 0),
      withAudio: each.reduce((s, x) => s + x.withAudio, 0),
      withVideo: each.reduce((s, x) => s + x.withVideo, 0),
      bytes: each.reduce((s, x) => s + x.bytes, 0),
      packets: each.reduce((s, x) => s + x.packets, 0),
      videoWidth: Math.max(0, ...each.map((x) => x.videoWidth)),
      framesDecoded: each.reduce((s, x) => s + x.framesDecoded, 0),
    };
  }

  cpuSeconds(): number {
    return this.pids().reduce((s, pid) => s + cpuSeconds(pid), 0);
  }

  async quit(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.quit()));
  }
}
