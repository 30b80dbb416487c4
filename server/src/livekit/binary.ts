import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The LiveKit server version this project pins and installs. */
export const LIVEKIT_VERSION = 'v1.13.5';
const GO_PACKAGE = `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`;
const MIN_GO = [1, 26] as const;

/** `<repo>/.tools/bin`, where the project keeps the LiveKit server it installed itself. */
export const toolsBinDir = fileURLToPath(new URL('../../../.tools/bin', import.meta.url));

export class LiveKitUnavailableError extends Error {
  override name = 'LiveKitUnavailableError';
}

export interface ResolveOptions {
  /** LIVEKIT_BIN: use exactly this file. */
  explicit?: string | undefined;
  /** Install with Go when nothing is found (default true). */
  install?: boolean;
  onProgress?: (line: string) => void;
}

/**
 * Finds a LiveKit server binary: LIVEKIT_BIN; else `livekit-server` on PATH; else the one the
 * project installed in .tools/bin; else builds the pinned version with `go install`.
 */
export async function resolveLiveKitBinary(options: ResolveOptions = {}): Promise<string> {
  if (options.explicit) {
    if (!isExecutable(options.explicit)) {
      throw new LiveKitUnavailableError(`LIVEKIT_BIN points to ${options.explicit}, which is not an executable file.`);
    }
    return options.explicit;
  }
  const found = findOnPath('livekit-server') ?? installedBinary();
  if (found) return found;
  if (options.install === false) throw new LiveKitUnavailableError(howToGetLiveKit('it is not installed'));
  return installWithGo(options.onProgress ?? ((line) => process.stderr.write(`${line}\n`)));
}

export function installedBinary(): string | undefined {
  const candidate = path.join(toolsBinDir, 'livekit-server');
  return isExecutable(candidate) ? candidate : undefined;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Builds the pinned LiveKit server with Go (minutes on a small machine), showing progress. */
async function installWithGo(progress: (line: string) => void): Promise<string> {
  const go = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) throw new LiveKitUnavailableError(howToGetLiveKit('Go is not installed'));
  const version = go.stdout.trim();
  const match = /^go(\d+)\.(\d+)/.exec(version);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    throw new LiveKitUnavailableError(
      howToGetLiveKit(
        `Go ${MIN_GO.join('.')} or newer is needed to build it, and this machine has ${version || 'an unknown Go'}`,
      ),
    );
  }
  const buildDir = path.join(toolsBinDir, '..', 'go-bin');
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(toolsBinDir, { recursive: true });
  progress(
    `Building LiveKit server ${LIVEKIT_VERSION} with ${version} (go install ${GO_PACKAGE}); this takes a few minutes the first time…`,
  );
  const started = Date.now();
  const ticker = setInterval(() => {
    progress(`  …still building LiveKit server (${Math.round((Date.now() - started) / 1000)} s)`);
  }, 15_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('go', ['install', GO_PACKAGE], {
        env: { ...process.env, GOBIN: buildDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let tail = '';
      const onOutput = (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-4000);
        for (const line of chunk.toString().split('\n')) if (line.trim()) progress(`  ${line.trim()}`);
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0
          ? resolve()
          : reject(new LiveKitUnavailableError(`go install ${GO_PACKAGE} failed (exit ${code}):\n${tail}`)),
      );
    });
  } finally {
    clearInterval(ticker);
  }
  const target = path.join(toolsBinDir, 'livekit-server');
  // `go install` names the binary after its package folder, "server".
  renameSync(path.join(buildDir, 'server'), target);
  progress(
    `LiveKit server ${LIVEKIT_VERSION} installed in ${target} (${Math.round((Date.now() - started) / 1000)} s).`,
  );
  return target;
}

function howToGetLiveKit(reason: string): string {
  return [
    `No LiveKit server found: ${reason}.`,
    'Get one of these, then start again:',
    `  • Go ${MIN_GO.join('.')}+ (https://go.dev/dl/): Serambi then builds LiveKit ${LIVEKIT_VERSION} itself into .tools/bin`,
    '  • Homebrew: brew install livekit',
    '  • LiveKit’s install script: curl -sSL https://get.livekit.io | bash',
    '  • or a LiveKit deployment: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET',
  ].join('\n');
}
