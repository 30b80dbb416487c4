import type { Config } from '../config.ts';
import { MEDIA_PORT_DEFAULTS } from '../config.ts';
import { describePairs, relayOnly, type SelectedPair, sendAndReceive } from './checks/media.ts';
import type { OfferedIceServer } from './checks/signalling.ts';
import { openTlsTunnel } from './checks/tls-tunnel.ts';
import type { DoctorMessages } from './messages.ts';
import { type CheckResult, failed, passed, reasonOf } from './report.ts';

const ROUND_TRIP_TIMEOUT_MS = 20_000;

export interface MediaPathsInput {
  t: DoctorMessages;
  config: Config;
  signallingUrl: string;
  /** The ICE servers LiveKit's join answer offered a participant (TURN with its credentials). */
  iceServers: OfferedIceServer[];
  /** A short-lived token for the test room: `publisher` for the sender, `audience` (subscribe only) for the receiver. */
  token: (role: string, access?: 'publisher' | 'audience') => Promise<string>;
}

/**
 * The four ways media reaches LiveKit, one real round trip each, forced onto its path: direct
 * UDP (LiveKit's offer as is: libwebrtc prefers UDP, and the selected pair must be UDP), ICE/TCP
 * (LiveKit asked to offer TCP candidates only), and TURN over UDP and over TLS (relay only,
 * through only the TURN server LiveKit offers for that transport). Run one after another: each
 * line says what carried its media.
 */
export async function checkMediaPaths(input: MediaPathsInput): Promise<CheckResult[]> {
  const { t, config } = input;
  const media =
    config.livekit.mode === 'local' && config.livekit.media.reach === 'public' ? config.livekit.media : undefined;
  const tokens = async (path: string) => ({
    senderToken: await input.token(`${path}-send`, 'publisher'),
    receiverToken: await input.token(`${path}-receive`),
  });
  const lines: CheckResult[] = [];

  const udpFix = t.media.fixUdp(`${media?.udpPort ?? MEDIA_PORT_DEFAULTS.liveKitUdp}`);
  lines.push(
    await roundTripLine(t, t.media.udpTitle, udpFix, 'UDP', isDirect('udp'), async () =>
      sendAndReceive({ url: input.signallingUrl, ...(await tokens('udp')), timeoutMs: ROUND_TRIP_TIMEOUT_MS }),
    ),
  );

  const tcpFix =
    media?.tcpPort === 0 ? t.media.fixTcpOff : t.media.fixTcp(`${media?.tcpPort ?? MEDIA_PORT_DEFAULTS.liveKitTcp}`);
  lines.push(
    await roundTripLine(
      t,
      t.media.tcpTitle,
      tcpFix,
      'ICE/TCP',
      isDirect('tcp'),
      async () =>
        sendAndReceive({
          url: input.signallingUrl,
          ...(await tokens('tcp')),
          forceTcp: true,
          timeoutMs: ROUND_TRIP_TIMEOUT_MS,
        }),
      t.media.tcpHow,
    ),
  );

  const turnUdp = offered(input.iceServers, (url) => url.startsWith('turn:') && !/transport=tcp/i.test(url));
  if (!turnUdp) {
    lines.push(failed(t.media.turnUdpTitle, t.media.noTurnServer('UDP'), t.media.fixNoTurn));
  } else {
    lines.push(
      await roundTripLine(
        t,
        t.media.turnUdpTitle,
        t.media.fixTurnUdp(hostPortOf(turnUdp.url)),
        'TURN/UDP',
        isRelayed('udp'),
        async () =>
          sendAndReceive({
            url: input.signallingUrl,
            ...(await tokens('turn-udp')),
            rtcConfig: relayOnly([turnUdp.url], turnUdp.server.username, turnUdp.server.credential),
            timeoutMs: ROUND_TRIP_TIMEOUT_MS,
          }),
      ),
    );
  }

  const turnTls = offered(input.iceServers, (url) => url.startsWith('turns:'));
  if (!turnTls) {
    lines.push(failed(t.media.turnTlsTitle, t.media.noTurnServer('TLS'), t.media.fixNoTurn));
  } else {
    lines.push(await turnTlsLine(input, turnTls, tokens));
  }
  return lines;
}

async function turnTlsLine(
  input: MediaPathsInput,
  turnTls: { url: string; server: OfferedIceServer },
  tokens: (path: string) => Promise<{ senderToken: string; receiverToken: string }>,
): Promise<CheckResult> {
  const { t } = input;
  const target = hostPortOf(turnTls.url);
  const [host = '', port = '443'] = target.split(/:(?=\d+$)/);
  const fix = t.media.fixTurnTls(target);
  const tunnel = await openTlsTunnel(host, Number(port));
  try {
    const line = await roundTripLine(
      t,
      t.media.turnTlsTitle,
      fix,
      'TURN/TLS',
      // Through the tunnel libwebrtc speaks TURN over TCP; what it relayed crossed the TLS connection.
      (pairs) => isRelayed('tcp')(pairs) && tunnel.bytes().received > 0,
      async () =>
        sendAndReceive({
          url: input.signallingUrl,
          ...(await tokens('turn-tls')),
          rtcConfig: relayOnly(
            [`turn:127.0.0.1:${tunnel.port}?transport=tcp`],
            turnTls.server.username,
            turnTls.server.credential,
          ),
          timeoutMs: ROUND_TRIP_TIMEOUT_MS,
        }),
      t.media.turnTlsHow(host, Number(port)),
    );
    const tlsFailure = tunnel.failure();
    if (line.status === 'fail' && tlsFailure && tunnel.bytes().received === 0) {
      return failed(t.media.turnTlsTitle, t.media.tlsTunnel(tlsFailure), fix);
    }
    return line;
  } finally {
    await tunnel.close();
  }
}

/** One line of the report from a round trip: passed when the media took the path expected, failed with the fix otherwise. */
export async function roundTripLine(
  t: DoctorMessages,
  title: string,
  fix: string,
  expected: string,
  tookPath: (pairs: SelectedPair[]) => boolean,
  roundTrip: () => Promise<{ pairs: SelectedPair[]; seconds: number }>,
  how?: string,
): Promise<CheckResult> {
  try {
    const { pairs, seconds } = await roundTrip();
    const path = describePairs(pairs);
    if (!tookPath(pairs)) return failed(title, t.media.wrongPath(expected, path), fix);
    const measured = t.media.received(path, seconds);
    return passed(title, how ? `${measured}; ${how}` : measured);
  } catch (error) {
    return failed(title, how ? `${t.media.failed(reasonOf(error))}; ${how}` : t.media.failed(reasonOf(error)), fix);
  }
}

/** Every selected pair direct (no relay) over `protocol` on both ends. */
export const isDirect = (protocol: 'udp' | 'tcp') => (pairs: SelectedPair[]) =>
  pairs.length > 0 &&
  pairs.every(
    (pair) => pair.local.type !== 'relay' && pair.local.protocol === protocol && pair.remote.protocol === protocol,
  );

/** Every selected pair relayed, reaching its TURN server over `protocol`. */
export const isRelayed = (protocol: 'udp' | 'tcp') => (pairs: SelectedPair[]) =>
  pairs.length > 0 && pairs.every((pair) => pair.local.type === 'relay' && pair.local.relayProtocol === protocol);

/** The first ICE server offered with a URL that matches, and that URL. */
export function offered(servers: OfferedIceServer[], matches: (url: string) => boolean) {
  for (const server of servers) {
    const url = server.urls.find(matches);
    if (url) return { url, server };
  }
  return undefined;
}

/** "turn.example.id:443" from "turns:turn.example.id:443?transport=tcp". */
export function hostPortOf(url: string): string {
  return url.replace(/^turns?:/, '').replace(/\?.*$/, '');
}
