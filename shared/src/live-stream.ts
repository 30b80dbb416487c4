import { z } from 'zod';
import { eventEnvelope, instantSchema } from './events.ts';

/**
 * Live out: the stage's composite (the recorder's director layout, 1280×720, H.264/AAC) pushed
 * to an RTMP(S) server such as YouTube Live while the session is live. Organizers set the
 * destination on the session's page (the key is stored encrypted and never shown again in full);
 * moderators start and stop it from the console, where the team sees its state.
 */

/** connecting → live; failed (with the reason) → retrying (after a backoff) → connecting …; stopped. */
export const LIVE_STREAM_STATES = ['stopped', 'connecting', 'live', 'failed', 'retrying'] as const;
export type LiveStreamState = (typeof LIVE_STREAM_STATES)[number];

/** Longest address and key accepted (YouTube's are well under 100 characters). */
export const MAX_STREAM_ADDRESS_LENGTH = 500;
export const MAX_STREAM_KEY_LENGTH = 300;

/** The destination as organizers see it once saved: the address, and only the key's last characters. */
export const streamDestinationSchema = z
  .object({
    /** rtmp:// or rtmps:// address without the key, e.g. rtmp://a.rtmp.youtube.com/live2. */
    address: z.string(),
    /** The key's last 4 characters (the rest is never shown again). */
    keyEnding: z.string(),
    updatedAt: instantSchema,
  })
  .meta({ id: 'StreamDestination' });
export type StreamDestination = z.infer<typeof streamDestinationSchema>;

export const streamDestinationAnswerSchema = z
  .object({ destination: streamDestinationSchema.nullable() })
  .meta({ id: 'StreamDestinationAnswer' });
export type StreamDestinationAnswer = z.infer<typeof streamDestinationAnswerSchema>;

/** Saves the destination; without `key`, the saved key is kept (only the address changes). */
export const putStreamDestinationRequestSchema = z
  .object({
    address: z.string().trim().min(1).max(MAX_STREAM_ADDRESS_LENGTH),
    key: z.string().trim().min(1).max(MAX_STREAM_KEY_LENGTH).optional(),
  })
  .meta({ id: 'PutStreamDestinationRequest' });
export type PutStreamDestinationRequest = z.infer<typeof putStreamDestinationRequestSchema>;

/** The live stream as the session's team sees it in the console. */
export const liveStreamSchema = z
  .object({
    state: z.enum(LIVE_STREAM_STATES),
    /** Why it failed (the destination's answer, without the key); null unless failed or retrying. */
    reason: z.string().nullable(),
    /** Seconds until the next attempt while retrying. */
    retryInSeconds: z.number().int().nullable(),
    /** When the state began. */
    since: instantSchema,
    /** Where it goes (host only), or null when no destination is set. */
    destinationHost: z.string().nullable(),
    keyEnding: z.string().nullable(),
  })
  .meta({ id: 'LiveStream' });
export type LiveStream = z.infer<typeof liveStreamSchema>;

/** To the session's moderators only (a direct event): the stream's state changed. */
export const liveStreamEventSchema = eventEnvelope('session.stream', liveStreamSchema);
