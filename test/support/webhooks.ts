import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import type { TestApp } from './app.ts';

/** A webhook as LiveKit sends it: the JSON event, and a JWT over its SHA-256 signed with `secret`. */
export async function signedWebhook(app: TestApp, event: object, secret = app.liveKit.apiSecret) {
  const body = JSON.stringify(event);
  const token = new AccessToken(app.liveKit.apiKey, secret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return { body, authorization: await token.toJwt() };
}

export function postWebhook(app: TestApp, delivery: { body: string; authorization: string }) {
  return fetch(`${app.url}/api/livekit/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/webhook+json', Authorization: delivery.authorization },
    body: delivery.body,
  });
}

/** A delivery signed with any key pair, as LiveKit signs it (for load generators that have no TestApp). */
export async function signedDelivery(keys: { apiKey: string; apiSecret: string }, event: object) {
  const body = JSON.stringify(event);
  const token = new AccessToken(keys.apiKey, keys.apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return { body, authorization: await token.toJwt() };
}
