import { startEarlyRoomEntry } from './features/room/early-entry.ts';

/**
 * room.html's first script, loaded `async` beside the app's entry: a few hundred bytes that ask
 * for the join and LiveKit's code as soon as the page's head is read, rather than once the
 * app's entry and everything it imports have arrived and run (early-entry.ts).
 */
startEarlyRoomEntry(location.pathname);
