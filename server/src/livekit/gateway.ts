import { RoomServiceClient, type WebhookEvent, WebhookReceiver } from 'livekit-server-sdk';

export interface LiveKitCredentials {
  /** ws(s):// URL clients connect to. */
  url: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * The one place that talks to LiveKit's server API (STYLE.md: one LiveKit gateway). Later
 * capabilities add their calls here: tokens, rooms, permissions, broadcast.
 */
export interface LiveKitGateway {
  readonly url: string;
  /** True when LiveKit answers an authenticated API call. */
  isHealthy(): Promise<boolean>;
  /** Verifies a webhook's signature and body checksum; throws when either is wrong. */
  receiveWebhook(rawBody: string, authorization: string | undefined): Promise<WebhookEvent>;
}

export function createLiveKitGateway(credentials: LiveKitCredentials): LiveKitGateway {
  const httpUrl = credentials.url.replace(/^ws/, 'http');
  const rooms = new RoomServiceClient(httpUrl, credentials.apiKey, credentials.apiSecret, { requestTimeout: 3 });
  const webhooks = new WebhookReceiver(credentials.apiKey, credentials.apiSecret);
  return {
    url: credentials.url,
    async isHealthy() {
      try {
        await rooms.listRooms();
        return true;
      } catch {
        return false;
      }
    },
    receiveWebhook: (rawBody, authorization) => webhooks.receive(rawBody, authorization),
  };
}
