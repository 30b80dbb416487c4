import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { freeTcpPort } from '@serambi/server/net/free-port.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caddyBinary,
  nginxInstallation,
  renderDeployment,
  run,
  type Started,
  startProgram,
} from '../support/deploy.ts';

/**
 * The path of a participant's request on the server, run on loopback: nginx's SNI router from
 * deploy/nginx-sni.conf and Caddy from deploy/Caddyfile, both as install.sh renders them, on free
 * ports instead of 443, 8443, 5350 and 80, with certificates from Caddy's own local authority
 * instead of Let's Encrypt. Behind them, a stand-in for Serambi that writes down what reached it,
 * and one for coturn that keeps the first bytes it got.
 */
const DOMAIN = 'serambi.example.id';
const TURN = 'turn.serambi.example.id';
/** A participant's address: any loopback address other than 127.0.0.1, which the proxies use. */
const PARTICIPANT = '127.0.0.7';

let dir: string;
let ports: Record<'sni' | 'caddyTls' | 'caddyHttp' | 'hop' | 'coturn' | 'serambi', number>;
let caddy: Started;
let nginx: Started;
let rootCertificate: string;
const serambiSaw: http.IncomingHttpHeaders[] = [];
const whipOffers: string[] = [];
let coturnGot: Promise<Buffer>;
const closers: Array<() => void> = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'serambi-proxy-'));
  ports = {
    sni: await freeTcpPort(),
    caddyTls: await freeTcpPort(),
    caddyHttp: await freeTcpPort(),
    hop: await freeTcpPort(),
    coturn: await freeTcpPort(),
    serambi: await freeTcpPort(),
  };
  const deployment = renderDeployment({ root: path.join(dir, 'root'), env: { SERAMBI_PORT: String(ports.serambi) } });

  // Serambi's stand-in: answers requests and WebSocket upgrades, echoing what the socket then carries.
  const serambi = http.createServer((request, response) => {
    serambiSaw.push(request.headers);
    if (request.method === 'POST' && request.url === '/whip/v1') {
      // As Serambi answers OBS's WHIP offer: 201, the SDP answer, the resource's path.
      const body: Buffer[] = [];
      request.on('data', (chunk: Buffer) => body.push(chunk));
      request.on('end', () => {
        whipOffers.push(Buffer.concat(body).toString());
        response
          .writeHead(201, { 'Content-Type': 'application/sdp', Location: '/whip/v1/PA_answer', ETag: 'ice1' })
          .end('v=0\r\nanswer\r\n');
      });
      return;
    }
    response.end('ok');
  });
  serambi.on('upgrade', (request: http.IncomingMessage, socket: net.Socket) => {
    serambiSaw.push(request.headers);
    const accept = createHash('sha1')
      .update(`${request.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => serambi.listen(ports.serambi, '127.0.0.1', resolve));
  closers.push(
    () => serambi.closeAllConnections(),
    () => serambi.close(),
  );

  // coturn's stand-in: keeps the first bytes of the first connection.
  coturnGot = new Promise((resolve) => {
    const coturn = net.createServer((socket) => socket.once('data', (chunk) => resolve(chunk)).on('error', () => {}));
    coturn.listen(ports.coturn, '127.0.0.1');
    closers.push(() => coturn.close());
  });

  // Caddy: the rendered Caddyfile as JSON, moved to free ports, with a local certificate authority.
  const caddyEnv = deployment.env('/etc/serambi/caddy.env');
  const adapted = JSON.parse(
    run(
      caddyBinary(),
      ['adapt', '--config', path.join(deployment.root, 'etc/serambi/Caddyfile'), '--adapter', 'caddyfile'],
      {
        env: caddyEnv,
      },
    ).stdout,
  );
  const moved: Record<string, string> = {
    '127.0.0.1:8443': `127.0.0.1:${ports.caddyTls}`,
    ':80': `127.0.0.1:${ports.caddyHttp}`,
  };
  for (const server of Object.values(adapted.apps.http.servers) as Array<{ listen: string[] }>) {
    server.listen = server.listen.map((address) => moved[address] ?? `unexpected listener ${address}`);
  }
  Object.assign(adapted.apps.http, { http_port: ports.caddyHttp, https_port: ports.caddyTls });
  adapted.apps.tls.automation = { policies: [{ issuers: [{ module: 'internal' }] }] };
  // Never into this machine's trust store.
  adapted.apps.pki = { certificate_authorities: { local: { install_trust: false } } };
  adapted.admin = { disabled: true };
  adapted.storage = { module: 'file_system', root: path.join(dir, 'caddy') };
  writeFileSync(path.join(dir, 'caddy.json'), JSON.stringify(adapted));
  caddy = startProgram(caddyBinary(), ['run', '--config', path.join(dir, 'caddy.json')], {
    HOME: dir,
    XDG_DATA_HOME: dir,
    XDG_CONFIG_HOME: dir,
  });
  await caddy.waitFor(new RegExp(`certificate obtained successfully.*"identifier":"${DOMAIN.replaceAll('.', '\\.')}"`));
  rootCertificate = readFileSync(path.join(dir, 'caddy/pki/authorities/local/root.crt'), 'utf8');

  // nginx: the rendered SNI router, moved to the same free ports, in a prefix of its own.
  let router = deployment.file('/etc/nginx/modules-enabled/60-serambi-sni.conf');
  const replacements: Array<[string, string]> = [
    ['\t\tlisten 443;\n', `\t\tlisten 127.0.0.1:${ports.sni};\n`],
    ['\t\tlisten [::]:443;\n', ''],
    ['127.0.0.1:8443', `127.0.0.1:${ports.caddyTls}`],
    ['127.0.0.1:5350', `127.0.0.1:${ports.hop}`],
    ['127.0.0.1:5349', `127.0.0.1:${ports.coturn}`],
  ];
  for (const [from, to] of replacements) {
    expect(router, `the SNI router has ${JSON.stringify(from)}`).toContain(from);
    router = router.replaceAll(from, to);
  }
  const { binary, streamModule } = nginxInstallation();
  mkdirSync(path.join(dir, 'nginx'));
  writeFileSync(path.join(dir, 'nginx/sni.conf'), router);
  writeFileSync(
    path.join(dir, 'nginx/nginx.conf'),
    `load_module ${streamModule};\npid ${dir}/nginx/nginx.pid;\ndaemon off;\nevents {}\ninclude ${dir}/nginx/sni.conf;\n`,
  );
  nginx = startProgram(binary, [
    '-p',
    path.join(dir, 'nginx'),
    '-c',
    path.join(dir, 'nginx/nginx.conf'),
    '-e',
    'stderr',
  ]);
  await waitUntilListening(ports.sni);
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  await caddy?.stop();
  for (const close of closers) close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** nginx tells nothing when it listens: connect until it answers (or it exits, which fails). */
async function waitUntilListening(port: number) {
  for (;;) {
    if (nginx.child.exitCode !== null) throw new Error(`nginx exited: ${nginx.output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An https request to Serambi's domain on the SNI router's port, from the participant's address. */
function throughPort443(options: https.RequestOptions) {
  return https.request({
    host: '127.0.0.1',
    port: ports.sni,
    servername: DOMAIN,
    localAddress: PARTICIPANT,
    ca: rootCertificate,
    ...options,
    headers: { Host: DOMAIN, ...options.headers },
  });
}

describe('port 443 on the server: nginx’s SNI router, then Caddy, then Serambi', () => {
  it('brings a participant’s request to Serambi with the participant’s own address in X-Forwarded-For', async () => {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      throughPort443({ path: '/api/health' }).on('response', resolve).on('error', reject).end(),
    );
    expect(response.statusCode).toBe(200);
    response.resume();
    expect(serambiSaw.at(-1)).toMatchObject({
      host: DOMAIN,
      'x-forwarded-for': PARTICIPANT,
      'x-forwarded-proto': 'https',
    });
  });

  it('passes WebSocket upgrades through, both ways', async () => {
    const socket = await new Promise<net.Socket>((resolve, reject) =>
      throughPort443({
        path: '/rtc',
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      })
        .on('upgrade', (response, upgraded) => {
          expect(response.statusCode).toBe(101);
          resolve(upgraded);
        })
        .on('response', (response) => reject(new Error(`no upgrade: ${response.statusCode}`)))
        .on('error', reject)
        .end(),
    );
    const echoed = new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString())));
    socket.write('halo');
    expect(await echoed).toBe('halo');
    socket.destroy();
    expect(serambiSaw.at(-1)).toMatchObject({ upgrade: 'websocket', 'x-forwarded-for': PARTICIPANT });
  });

  it('passes OBS’s WHIP offer to Serambi with its stream key, and the answer back with its resource path', async () => {
    const offer = 'v=0\r\noffer\r\n';
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      throughPort443({
        method: 'POST',
        path: '/whip/v1',
        headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer obs-key', 'Content-Length': offer.length },
      })
        .on('response', resolve)
        .on('error', reject)
        .end(offer),
    );
    const answer = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      response
        .on('data', (chunk: Buffer) => chunks.push(chunk))
        .on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toMatchObject({
      location: '/whip/v1/PA_answer',
      etag: 'ice1',
      'content-type': 'application/sdp',
    });
    expect(answer).toBe('v=0\r\nanswer\r\n');
    expect(whipOffers.at(-1)).toBe(offer);
    expect(serambiSaw.at(-1)).toMatchObject({ authorization: 'Bearer obs-key', 'content-type': 'application/sdp' });
  });

  it('hands a connection for the TURN name to coturn as it came: TLS, without a PROXY header', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: ports.sni, localAddress: PARTICIPANT });
    const client = tls.connect({ socket, servername: TURN });
    client.on('error', () => {});
    const first = await coturnGot;
    client.destroy();
    // A TLS handshake record (0x16) asking for the TURN name, not "PROXY TCP4 …".
    expect(first[0]).toBe(0x16);
    expect(first.includes(Buffer.from(TURN))).toBe(true);
    expect(first.subarray(0, 6).toString()).not.toBe('PROXY ');
  });

  it('redirects plain http on port 80 to https', async () => {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .request({ host: '127.0.0.1', port: ports.caddyHttp, path: '/c/komunitas?ref=1', headers: { Host: DOMAIN } })
        .on('response', resolve)
        .on('error', reject)
        .end(),
    );
    response.resume();
    expect(response.statusCode).toBe(308);
    expect(response.headers.location).toBe(`https://${DOMAIN}/c/komunitas?ref=1`);
  });
});
