import { createServer, type Socket } from 'node:net';
import { connect } from 'node:tls';

/**
 * A loopback TCP port whose connections are carried over TLS to `host:port`, with the
 * certificate checked as a browser checks it (trusted chain, the name `host`). The doctor's
 * WebRTC engine (rtc-node's libwebrtc) trusts only the roots built into it for TURN over TLS, so
 * it speaks TURN over TCP to this port and the TLS is the doctor's: the same TURN server, the same
 * TLS port, with this machine's trust (and NODE_EXTRA_CA_CERTS) instead of libwebrtc's.
 */
export interface TlsTunnel {
  /** The loopback port to give the WebRTC engine as `turn:127.0.0.1:<port>?transport=tcp`. */
  port: number;
  /** Bytes carried each way so far: media that went through the relay went through here. */
  bytes(): { sent: number; received: number };
  /** The first TLS failure (certificate or connection), if any. */
  failure(): string | undefined;
  close(): Promise<void>;
}

export async function openTlsTunnel(host: string, port: number): Promise<TlsTunnel> {
  let sent = 0;
  let received = 0;
  let failure: string | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((local) => {
    sockets.add(local);
    const remote = connect({ host, port, servername: host });
    sockets.add(remote);
    // Until TLS is up, what the engine sends waits in the local socket (nothing reads it yet).
    remote.once('secureConnect', () => {
      local.on('data', (chunk: Buffer) => {
        sent += chunk.length;
      });
      remote.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      local.pipe(remote);
      remote.pipe(local);
    });
    const end = (error?: Error) => {
      if (error && !failure) failure = error.message;
      local.destroy();
      remote.destroy();
    };
    remote.once('error', end);
    local.once('error', () => end());
    remote.once('close', () => end());
    local.once('close', () => end());
    local.once('close', () => sockets.delete(local));
    remote.once('close', () => sockets.delete(remote));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the tunnel has no port');
  return {
    port: address.port,
    bytes: () => ({ sent, received }),
    failure: () => failure,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
