import type { Locale } from '../locale.ts';
import { consoleMessages as consoleEn } from './console.en.ts';
import { consoleMessages as consoleId } from './console.id.ts';
import { roomMessages as roomEn } from './room.en.ts';
import { roomMessages as roomId } from './room.id.ts';

/**
 * The live room's and the moderator console's messages, kept out of the dictionaries every page
 * loads: only the room page needs them, and it registers them when its code arrives.
 */
export const roomDictionaries = {
  id: { room: roomId, roomConsole: consoleId },
  en: { room: roomEn, roomConsole: consoleEn },
} satisfies Record<Locale, { room: typeof roomEn; roomConsole: typeof consoleEn }>;

export type RoomMessages = (typeof roomDictionaries)['en'];
