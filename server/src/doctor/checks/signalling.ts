import { SignalResponse } from '@livekit/protocol';

const SIGNALLING_TIMEOUT_MS = 10_000;

/** One ICE server as LiveKit hands it to a participant in its join answer. */
export interface OfferedIceServer {
  urls: string[];
  username: string;
  credential: string;
}

/** LiveKit's HTTP check of a token (what livekit-client asks when its WebSocket fails), at the browsers' signalling URL. */
export async function validateToken(signallingUrl: string, token: string): Promise<{ status: number; body: string }> {
  const url = `${signallingUrl.replace(/^ws/, 'http')}/rtc/validate?access_token=${encodeURIComponent(token)}`;
  const answer = await fetch(url, { signal: AbortSignal.timeout(SIGNALLING_TIMEOUT_MS) });
  return { status: answer.status, body: (await answer.text()).trim().slice(0, 200) };
}

export type JoinAnswer =
  | { kind: 'join'; iceServers: OfferedIceServer[]; serverVersion: string }
  | { kind: 'other'; what: string };

/**
 * Opens the signalling WebSocket a browser opens (the same URL and token parameters), reads
 * LiveKit's first message and closes: a join answer proves the upgrade went through every proxy
 * to LiveKit and back. The participant it makes leaves when the socket closes.
 */
export function joinOverWebSocket(signallingUrl: string, token: string): Promise<JoinAnswer> {
  const query = new URLSearchParams({ access_token: token, auto_subscribe: '0', sdk: 'js', protocol: '16' });
  const socket = new WebSocket(`${signallingUrl}/rtc?${query}`);
  socket.binaryType = 'arraybuffer';
  return new Promise<JoinAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no answer within ${SIGNALLING_TIMEOUT_MS / 1000} s`));
      socket.close();
    }, SIGNALLING_TIMEOUT_MS);
    socket.addEventListener('message', (event) => {
      clearTimeout(timer);
      socket.close();
      if (!(event.data instanceof ArrayBuffer)) {
        resolve({ kind: 'other', what: `text "${String(event.data).slice(0, 80)}"` });
        return;
      }
      const message = SignalResponse.fromBinary(new Uint8Array(event.data)).message;
      if (message.case !== 'join') {
        resolve({ kind: 'other', what: message.case ?? 'empty' });
        return;
      }
      resolve({
        kind: 'join',
        serverVersion: message.value.serverInfo?.version ?? message.value.serverVersion,
        iceServers: message.value.iceServers.map((server) => ({
          urls: [...server.urls],
          username: server.username,
          credential: server.credential,
        })),
      });
    });
    socket.addEventListener('error', (event) => {
      clearTimeout(timer);
      reject(new Error((event as Event & { message?: string }).message || 'connection failed'));
    });
    socket.addEventListener('close', (event) => {
      clearTimeout(timer);
      reject(new Error(`closed before any message (code ${event.code})`));
    });
  });
}
