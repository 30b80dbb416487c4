import type { RoomSnapshot } from '@serambi/shared';
import { createContext, useContext } from 'solid-js';
import type { RoomState } from './create-room-state.ts';

/**
 * The connected room as the panels beside the stage (Q&A, chat, polls, reactions) reach it:
 * the live snapshot, calls with the room ticket, and a way to fold an answer in.
 */
export interface RoomContextValue {
  sessionRef: () => string;
  snapshot: () => RoomSnapshot;
  state: RoomState;
}

const RoomContext = createContext<RoomContextValue>();
export const RoomProvider = RoomContext.Provider;

export function useRoom(): RoomContextValue {
  const value = useContext(RoomContext);
  if (!value) throw new Error('useRoom must be called inside <RoomProvider>');
  return value;
}
