/**
 * The floor the room's entry is compared with: a page with nothing but livekit-client, which
 * connects with a token the server issued (in the address's fragment) and shows the first video
 * track. Its script is built the way the app's are (Vite, minified, livekit-client in it whole)
 * and sent as the app sends its own (Brotli, else gzip, when the browser accepts it), so a slow
 * network costs both the same per byte: what is left between them is Serambi's own work.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const entry = `import { Room, RoomEvent, Track } from 'livekit-client';
const params = new URLSearchParams(location.hash.slice(1));
const room = new Room({ adaptiveStream: true, dynacast: true });
room.on(RoomEvent.TrackSubscribed, (track) => {
  if (track.kind !== Track.Kind.Video) return;
  const video = document.createElement('video');
  video.className = 'speaker';
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  document.body.append(video);
  track.attach(video);
});
room.connect(params.get('url'), params.get('token'));
`;

const html = `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bare LiveKit page</title>
<script type="module" src="/bare.js"></script>`;

interface BuiltScript {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** Builds the bare page's script with the web app's own Vite and livekit-client. */
async function buildScript(): Promise<BuiltScript> {
  const web = fileURLToPath(new URL('../web/package.json', import.meta.url));
  const require = createRequire(web);
  const vite = (await import(pathToFileURL(require.resolve('vite')).href)) as {
    build(config: Record<string, unknown>): Promise<unknown>;
  };
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'serambi-bare-page-'));
  try {
    writeFileSync(path.join(scratch, 'bare.js'), entry);
    await vite.build({
      root: scratch,
      configFile: false,
      logLevel: 'warn',
      resolve: {
        alias: { 'livekit-client': require.resolve('livekit-client').replace(/[^/]+$/, 'livekit-client.esm.mjs') },
      },
      build: {
        outDir: path.join(scratch, 'dist'),
        target: 'es2022',
        minify: true,
        chunkSizeWarningLimit: 2000,
        rolldownOptions: {
          input: path.join(scratch, 'bare.js'),
          output: { entryFileNames: 'bare.js', codeSplitting: false },
        },
      },
    });
    const raw = readFileSync(path.join(scratch, 'dist', 'bare.js'));
    return {
      raw,
      br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(raw, { level: 9 }),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface BarePageServer {
  url: string;
  /** The script's size as built, and as a browser accepting Brotli downloads it. */
  scriptBytes: { raw: number; br: number; gzip: number };
  close(): Promise<void>;
}

export async function startBarePageServer(): Promise<BarePageServer> {
  const script = await buildScript();
  const server: Server = createServer((request, response) => {
    if (request.url === '/bare.js') {
      const accepted = String(request.headers['accept-encoding'] ?? '');
      const [encoding, body] = accepted.includes('br')
        ? ['br', script.br]
        : accepted.includes('gzip')
          ? ['gzip', script.gzip]
          : [null, script.raw];
      response
        .writeHead(200, { 'Content-Type': 'text/javascript', ...(encoding ? { 'Content-Encoding': encoding } : {}) })
        .end(body);
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    scriptBytes: { raw: script.raw.length, br: script.br.length, gzip: script.gzip.length },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
