import type { Config } from '../config.ts';
import type { LiveKitCredentials } from '../livekit/gateway.ts';
import { liveKitConfigFile, liveKitKeysFile, readHttpPort, readKeys } from '../livekit/local-server.ts';

/**
 * What the doctor reaches, and how, from the service's own configuration: the public addresses a
 * participant uses, and LiveKit's API (on loopback for the LiveKit Serambi runs) only to make and
 * delete the test room and mint its tokens.
 */
export interface DoctorTarget {
  publicUrl: URL;
  /** The signalling URL browsers are given: Serambi's origin when it proxies LiveKit's /rtc. */
  signallingUrl: string;
  /** LiveKit's API and keys; a reason instead when they cannot be found. */
  api: LiveKitCredentials | { problem: 'noKeys' | 'noPort'; file: string };
  /** Where LiveKit posts its webhooks (for the fix of a silent webhook). */
  webhookUrl: string;
  embedded: boolean;
}

export function doctorTarget(config: Config): DoctorTarget {
  const publicUrl = new URL(config.publicUrl);
  if (config.livekit.mode === 'external') {
    return {
      publicUrl,
      signallingUrl: config.livekit.url.replace(/^http/, 'ws').replace(/\/$/, ''),
      api: config.livekit,
      webhookUrl: `${config.publicUrl}/api/livekit/webhook`,
      embedded: false,
    };
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const webhookUrl = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}/api/livekit/webhook`;
  const keys = readKeys(config.dataDir);
  const port = readHttpPort(config.dataDir);
  const api: DoctorTarget['api'] = !keys
    ? { problem: 'noKeys', file: liveKitKeysFile(config.dataDir) }
    : !port
      ? { problem: 'noPort', file: liveKitConfigFile(config.dataDir) }
      : { url: `ws://127.0.0.1:${port}`, apiKey: keys.apiKey, apiSecret: keys.apiSecret };
  const proxied = config.livekit.media.reach === 'public';
  return {
    publicUrl,
    signallingUrl: proxied ? publicUrl.origin.replace(/^http/, 'ws') : 'problem' in api ? '' : api.url,
    api,
    webhookUrl,
    embedded: true,
  };
}
