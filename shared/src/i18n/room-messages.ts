import type { Locale } from '../locale.ts';
import { breakoutsMessages as breakoutsEn } from './breakouts.en.ts';
import { breakoutsMessages as breakoutsId } from './breakouts.id.ts';
import { chatMessages as chatEn } from './chat.en.ts';
import { chatMessages as chatId } from './chat.id.ts';
import { consoleMessages as consoleEn, interactionSettingsMessages as interactionSettingsEn } from './console.en.ts';
import { consoleMessages as consoleId, interactionSettingsMessages as interactionSettingsId } from './console.id.ts';
import { pollsMessages as pollsEn } from './polls.en.ts';
import { pollsMessages as pollsId } from './polls.id.ts';
import { qaRoomMessages as qaRoomEn } from './qa-room.en.ts';
import { qaRoomMessages as qaRoomId } from './qa-room.id.ts';
import { reactionsMessages as reactionsEn } from './reactions.en.ts';
import { reactionsMessages as reactionsId } from './reactions.id.ts';
import { roomMessages as roomEn, roomPanelsMessages as roomPanelsEn } from './room.en.ts';
import { roomMessages as roomId, roomPanelsMessages as roomPanelsId } from './room.id.ts';
import type { Translation } from './translation.ts';

const id = {
  room: roomId,
  roomConsole: consoleId,
  roomPanels: roomPanelsId,
  ...qaRoomId,
  ...chatId,
  ...pollsId,
  ...reactionsId,
  ...breakoutsId,
  interactionSettings: interactionSettingsId,
};

const en: Translation<typeof id> = {
  room: roomEn,
  roomConsole: consoleEn,
  roomPanels: roomPanelsEn,
  ...qaRoomEn,
  ...chatEn,
  ...pollsEn,
  ...reactionsEn,
  ...breakoutsEn,
  interactionSettings: interactionSettingsEn,
};

/**
 * The live room's and the moderator console's messages, with those of Q&A, chat, polls and
 * reactions, kept out of the dictionaries every page loads: only the room page needs them, and
 * it registers them when its code arrives.
 */
export const roomDictionaries: Record<Locale, Translation<typeof id>> = { id, en };

export type RoomMessages = Translation<typeof id>;
