import type { WebhookEvent } from 'livekit-server-sdk';

/**
 * When a connection joined, by LiveKit's clock: in milliseconds where LiveKit gives them
 * (v1.13 does), else seconds; null when the webhook carries neither. Webhooks are sent by
 * several workers at once, so their arrival order says nothing; this time does.
 */
export function connectionJoinedAt(participant: NonNullable<WebhookEvent['participant']>): Date | null {
  const ms = Number(participant.joinedAtMs ?? 0);
  if (ms > 0) return new Date(ms);
  const seconds = Number(participant.joinedAt ?? 0);
  return seconds > 0 ? new Date(seconds * 1000) : null;
}
