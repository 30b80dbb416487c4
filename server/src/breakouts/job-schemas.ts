import { z } from 'zod';

/**
 * The timer of an opening of breakout tables: the warning and the end are due at instants of its
 * `endsAt`, which an extension moves; a job whose `endsAt` is no longer the stored one does
 * nothing (the extension queued its own).
 */
export const breakoutTimerSchema = z.object({ breakoutId: z.string(), endsAt: z.iso.datetime() });
export type BreakoutTimer = z.infer<typeof breakoutTimerSchema>;

/** Closes the table rooms of an opening once the grace after its end is over. */
export const breakoutRoomsSchema = z.object({ breakoutId: z.string() });
