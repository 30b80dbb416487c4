import { type Accessor, createSignal } from 'solid-js';
import { isExpiredTicket } from './room-api.ts';
import type { RoomTimers } from './room-timers.ts';

/** Renew the ticket this long before it runs out. */
const TICKET_MARGIN_MS = 60_000;

/**
 * The room ticket: the short-lived credential a join answers and every room call carries. It
 * is renewed (by joining again) shortly before it runs out, and once more when a call finds it
 * ran out anyway (a laptop asleep past its expiry).
 */
export interface RoomTicket {
  current: Accessor<string>;
  /** Keeps the ticket a join answered and plans its renewal. */
  keep(ticket: string, expiresAt: string): void;
  /** Runs a room call with the current ticket, renewing it once if it ran out. */
  withTicket<T>(call: (ticket: string) => Promise<T>): Promise<T>;
}

export function createRoomTicket(timers: RoomTimers, renew: () => Promise<void>): RoomTicket {
  const [current, setCurrent] = createSignal('');
  return {
    current,
    keep(ticket, expiresAt) {
      setCurrent(ticket);
      timers.schedule('ticket', Date.parse(expiresAt) - TICKET_MARGIN_MS - Date.now(), renew);
    },
    async withTicket(call) {
      try {
        return await call(current());
      } catch (error) {
        if (!isExpiredTicket(error)) throw error;
        await renew();
        return call(current());
      }
    },
  };
}
