import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import { WebhookEvent } from 'livekit-server-sdk';

/** The skew between LiveKit's clock and ours that a delivery may show, as livekit-server-sdk allows. */
const CLOCK_TOLERANCE_SECONDS = 10;

/**
 * Reads a LiveKit webhook, as livekit-server-sdk's WebhookReceiver does, with one difference:
 * the JWT's times are checked against `now`, the caller's clock, where the SDK reads the
 * machine's. Authorization holds an HS256 JWT issued by the API key whose `sha256` claim is the
 * body's SHA-256; throws when the signature, the issuer, the times or the checksum are wrong.
 */
export function createWebhookVerifier(apiKey: string, apiSecret: string) {
  const key = new TextEncoder().encode(apiSecret);
  return async (rawBody: string, authorization: string | undefined, now: Date): Promise<WebhookEvent> => {
    if (!authorization) throw new Error('the webhook has no Authorization header');
    const { payload } = await jwtVerify(authorization, key, {
      algorithms: ['HS256'],
      issuer: apiKey,
      requiredClaims: ['exp', 'sha256'],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (payload.sha256 !== createHash('sha256').update(rawBody).digest('base64')) {
      throw new Error('the sha256 checksum of the webhook body does not match');
    }
    return WebhookEvent.fromJson(JSON.parse(rawBody), { ignoreUnknownFields: true });
  };
}
