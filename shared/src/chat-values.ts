/**
 * Chat limits and message kinds: values without zod, so a page that reads them does not download the schemas
 * (chat.ts holds those and re-exports these).
 */

export const CHAT_MESSAGE_MAX_LENGTH = 500;
/** Messages in the room snapshot; older ones are history, not the conversation. */
export const CHAT_SNAPSHOT_MESSAGES = 100;
export const MAX_CHAT_SLOW_MODE_SECONDS = 300;

export const CHAT_MESSAGE_KINDS = ['message', 'announcement'] as const;
export type ChatMessageKind = (typeof CHAT_MESSAGE_KINDS)[number];
