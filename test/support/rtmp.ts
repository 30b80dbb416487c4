import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import { type Daemon, spawnLogged, stopChild, tcpAnswers } from './daemons.ts';
import { repoRoot } from './deploy.ts';
import { FFPROBE } from './recording-probe.ts';

/**
 * A real RTMP server on loopback, as the receiving end of live streams: Debian's nginx with
 * libnginx-mod-rtmp (./setup --test installs it), started with a configuration of its own in a
 * temp dir (no system service, pid and logs there, one process), and ffprobe reading back what
 * it receives.
 */

const SETUP_HINT = 'run ./setup --test, which installs nginx’s RTMP module (libnginx-mod-rtmp)';

/** nginx and its RTMP module as Debian lays them out: the system's, or the one ./setup --test unpacked into .tools/nginx. */
export function nginxRtmpInstallation(): { binary: string; rtmpModule: string } {
  for (const root of ['/', path.join(repoRoot, '.tools/nginx')]) {
    const binary = path.join(root, 'usr/sbin/nginx');
    const rtmpModule = path.join(root, 'usr/lib/nginx/modules/ngx_rtmp_module.so');
    if (existsSync(binary) && existsSync(rtmpModule)) return { binary, rtmpModule };
  }
  throw new Error(`No nginx with its RTMP module: ${SETUP_HINT}.`);
}

export interface RtmpServer extends Daemon {
  port: number;
  /** rtmp://127.0.0.1:<port>/live: the application address a destination is given. */
  address: string;
  /** Where a stream published with `key` is read back. */
  playUrl(key: string): string;
  /** Starts it again on the same port (after `stop`), as a server coming back. */
  restart(): Promise<void>;
  /** Stops it and removes its temp dir. */
  dispose(): Promise<void>;
  logFile: string;
}

/** Starts nginx-rtmp on a free loopback port (or `port`), accepting any stream name under /live. */
export async function startRtmpServer(options: { port?: number } = {}): Promise<RtmpServer> {
  const { binary, rtmpModule } = nginxRtmpInstallation();
  const port = options.port ?? (await freeTcpPort());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-rtmp-'));
  const logFile = path.join(dir, 'error.log');
  const config = path.join(dir, 'nginx.conf');
  writeFileSync(
    config,
    [
      `load_module ${rtmpModule};`,
      'daemon off;',
      'master_process off;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${logFile} info;`,
      'events { worker_connections 64; }',
      'rtmp {',
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    chunk_size 4096;',
      '    application live { live on; record off; }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  let running: ReturnType<typeof spawnLogged> | undefined;
  const start = async () => {
    const started = spawnLogged(binary, ['-p', dir, '-e', logFile, '-c', config], path.join(dir, 'stdout.log'));
    running = started;
    const deadline = Date.now() + 10_000;
    while (!(await tcpAnswers('127.0.0.1', port))) {
      if (started.child.exitCode !== null) throw new Error(`nginx-rtmp exited at start; see ${logFile}`);
      if (Date.now() > deadline) throw new Error(`nginx-rtmp did not listen on ${port}; see ${logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await start();
  return {
    port,
    address: `rtmp://127.0.0.1:${port}/live`,
    playUrl: (key) => `rtmp://127.0.0.1:${port}/live/${key}`,
    logFile,
    restart: start,
    async stop() {
      if (running) await stopChild(running.child, running.exited);
    },
    async dispose() {
      if (running) await stopChild(running.child, running.exited);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

export interface ProbedLiveStream {
  streams: { codecType: string; codecName: string; width?: number; height?: number }[];
  /** The presentation time of the first video packets read: how far into the stream the reader came in. */
  videoTime: number;
}

/** Reads a live stream back from the RTMP server (one ffprobe): its streams, and where in its timeline it is now. */
export async function probeLiveStream(url: string, timeoutMs = 20_000): Promise<ProbedLiveStream> {
  const probed = JSON.parse(
    await run(
      FFPROBE,
      [
        // nginx-rtmp sends the video's header with its next keyframe (every 2 s): 3 s find both
        // streams; then 2 s of packets of both.
        ...[
          '-v',
          'error',
          '-rtmp_live',
          'live',
          '-analyzeduration',
          '3000000',
          '-of',
          'json',
          '-read_intervals',
          '%+2',
        ],
        ...['-show_entries', 'stream=index,codec_type,codec_name,width,height:packet=stream_index,pts_time', url],
      ],
      timeoutMs,
    ),
  ) as {
    streams: { index: number; codec_type: string; codec_name: string; width?: number; height?: number }[];
    packets?: { stream_index: number; pts_time?: string }[];
  };
  const video = probed.streams.find((s) => s.codec_type === 'video');
  const times = (probed.packets ?? [])
    .filter((packet) => packet.stream_index === video?.index)
    .map((packet) => Number.parseFloat(packet.pts_time ?? ''))
    .filter((time) => Number.isFinite(time));
  if (times.length === 0) throw new Error(`no video packets read from ${url}`);
  return {
    streams: probed.streams.map((s) => ({
      codecType: s.codec_type,
      codecName: s.codec_name,
      ...(s.width === undefined ? {} : { width: s.width, height: s.height }),
    })),
    videoTime: Math.min(...times),
  };
}
