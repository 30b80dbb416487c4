import type { Locale } from '../locale.ts';
import { consoleMessages as consoleEn } from './console.en.ts';
import { consoleMessages as consoleId } from './console.id.ts';
import { interactionMessages as interactionEn } from './interaction.en.ts';
import { interactionMessages as interactionId } from './interaction.id.ts';
import { roomMessages as roomEn } from './room.en.ts';
import { roomMessages as roomId } from './room.id.ts';

/**
 * The live room's and the moderator console's messages, with those of Q&A, chat, polls and
 * reactions, kept out of the dictionaries every page loads: only the room page needs them, and
 * it registers them when its code arrives.
 */
export const roomDictionaries = {
  id: { room: roomId, roomConsole: consoleId, ...interactionId },
  en: { room: roomEn, roomConsole: consoleEn, ...interactionEn },
} satisfies Record<Locale, { room: typeof roomEn; roomConsole: typeof consoleEn } & typeof interactionEn>;

export type RoomMessages = (typeof roomDictionaries)['en'];
