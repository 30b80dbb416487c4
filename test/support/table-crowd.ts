import { type ChildProcess, fork } from 'node:child_process';
import { tableRoomName } from '@serambi/server/room/events.ts';
import type { BreakoutState } from '@serambi/shared';
import type { TestApp } from './app.ts';
import { aCrowdOfRegistrants, aRoomSetup, eventually, joinRoom, participantsSeenBy, roomService } from './room.ts';
import type { FromCrowdWorker, ToCrowdWorker } from './table-crowd-worker.ts';

/** Table bots per child process. */
const BOTS_PER_PROCESS = 10;

/**
 * A crowd of table bots (breakouts.ts) spread over child processes, for breakouts at the size of
 * a community session. Not for convenience: rtc-node hands every event of a process to every
 * Room of it, each under its own lock, so sixty Rooms in one process (and the server beside
 * them) spend a core on one another's events, their connects outlast any time limit, and one
 * given up keeps queueing every event of the process until it runs out of memory. A browser's
 * livekit-client is one room per tab; ten to a process is near enough.
 */
export interface TableCrowd {
  identities: string[];
  /** Resolves once each bot is connected at `targets[identity]` ('main' or a table's id), with when each arrived (Date.now()). */
  arrivedAt(targets: Map<string, string>, timeoutMs: number): Promise<number[]>;
  /** Disconnects every bot and ends the processes (once; later calls wait for the first). */
  leave(): Promise<void>;
}

class CrowdWorker {
  readonly child: ChildProcess;
  private readonly replies: Array<(message: FromCrowdWorker) => void> = [];
  private chain: Promise<unknown>;
  /** Set once the process has exited: the answer to anything asked from then on. */
  private gone: FromCrowdWorker | undefined;

  constructor() {
    // NODE_ENV=production: rtc-node logs at info, not a debug line per connect.
    this.child = fork(new URL('./table-crowd-worker.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.once('exit', (code, signal) => {
      this.gone = { type: 'failed', message: `a crowd process exited (${code ?? signal})` };
      for (const reply of this.replies.splice(0)) reply(this.gone);
    });
    this.child.on('message', (message: FromCrowdWorker) => this.replies.shift()?.(message));
    this.chain = new Promise<FromCrowdWorker>((resolve) => this.replies.push(resolve));
  }

  /** One request at a time, so each reply answers the request it follows; a failure throws. */
  ask<T extends FromCrowdWorker['type']>(message: ToCrowdWorker, expected: T): Promise<FromCrowdWorker & { type: T }> {
    const asked = this.chain.then(
      () =>
        new Promise<FromCrowdWorker>((resolve) => {
          if (this.gone) return resolve(this.gone);
          this.replies.push(resolve);
          this.child.send(message);
        }),
    );
    this.chain = asked;
    return asked.then((reply) => {
      if (reply.type !== expected) throw new Error(reply.type === 'failed' ? reply.message : `got ${reply.type}`);
      return reply as FromCrowdWorker & { type: T };
    });
  }
}

/** Joins everyone of `secrets` into the live session `sessionSlug` and connects them to its main room. */
export async function aTableCrowd(app: Pick<TestApp, 'url'>, sessionSlug: string, secrets: string[]) {
  const workers: CrowdWorker[] = [];
  for (let i = 0; i < secrets.length; i += BOTS_PER_PROCESS) workers.push(new CrowdWorker());
  let leaving: Promise<void> | undefined;
  const leave = () => {
    leaving ??= Promise.all(
      workers.map((worker) => worker.ask({ type: 'leave' }, 'left').catch(() => void worker.child.kill())),
    ).then(() => undefined);
    return leaving;
  };
  try {
    const joined = await Promise.all(
      workers.map((worker, n) =>
        worker.ask(
          {
            type: 'join',
            url: app.url,
            sessionSlug,
            secrets: secrets.slice(n * BOTS_PER_PROCESS, (n + 1) * BOTS_PER_PROCESS),
          },
          'joined',
        ),
      ),
    );
    const crowd: TableCrowd = {
      identities: joined.flatMap((reply) => reply.identities),
      async arrivedAt(targets, timeoutMs) {
        const asked = { type: 'arrive', targets: Object.fromEntries(targets), timeoutMs } as const;
        return (await Promise.all(workers.map((worker) => worker.ask(asked, 'arrived')))).flatMap((reply) => reply.at);
      },
      leave,
    };
    return crowd;
  } catch (error) {
    await leave();
    throw error;
  }
}

/**
 * A live session with its owner in the room as moderator (`host`), and `people` registrants who
 * joined by their links and are connected to its main room as a table crowd, each counted
 * connected by the server within `connectedWithinMs`. The caller leaves the crowd.
 */
export async function aLiveSessionWithCrowd(app: TestApp, people: number, connectedWithinMs: number) {
  const setup = await aRoomSetup(app);
  const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const live = await backstage.call('/live');
  if (live.status !== 204) throw new Error(`going live: ${live.status} ${await live.text()}`);
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const crowd = await aTableCrowd(app, setup.session.slug, await aCrowdOfRegistrants(app, setup.session.id, people));
  try {
    await eventually(
      async () => (await participantsSeenBy(host)).filter((p) => p.connected).length === people,
      connectedWithinMs,
    );
  } catch (error) {
    await crowd.leave();
    throw error;
  }
  return { setup, host, crowd };
}

/** Each table of `state` whose LiveKit room lists others than the people placed at it; none when LiveKit agrees. */
export async function tablesLiveKitDisagreesWith(app: TestApp, sessionId: string, state: BreakoutState) {
  const livekit = roomService(app);
  const disagreeing: string[] = [];
  for (const table of state.tables) {
    const inRoom = (await livekit.listParticipants(tableRoomName(sessionId, table.id))).map((p) => p.identity).sort();
    const placed = state.placements
      .filter((p) => p.tableId === table.id)
      .map((p) => p.identity)
      .sort();
    if (JSON.stringify(inRoom) !== JSON.stringify(placed)) {
      disagreeing.push(`table ${table.number}: LiveKit lists ${inRoom.join(', ')}; placed ${placed.join(', ')}`);
    }
  }
  return disagreeing;
}
