import { z } from 'zod';
import { CHAT_MESSAGE_KINDS, CHAT_MESSAGE_MAX_LENGTH } from './chat-values.ts';
import { authorSchema, eventEnvelope, instantSchema as instant } from './events.ts';
import { questionSchema } from './qa.ts';

export * from './chat-values.ts';

/** The room's chat: messages to everyone, moderator announcements, slow mode and closing. */

export const chatMessageSchema = z
  .object({
    id: z.string(),
    author: authorSchema.extend({ role: z.enum(['participant', 'speaker', 'moderator']) }),
    text: z.string(),
    kind: z.enum(CHAT_MESSAGE_KINDS),
    at: instant,
    /** The question a moderator made of this message. */
    questionId: z.string().nullable(),
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const sendChatMessageRequestSchema = z
  .object({
    text: z.string().trim().min(1, 'validation.chatEmpty').max(CHAT_MESSAGE_MAX_LENGTH, 'validation.chatTooLong'),
    /** Moderators only: a message that stands out for everyone. */
    announcement: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'SendChatMessageRequest' });
export type SendChatMessageRequest = z.input<typeof sendChatMessageRequestSchema>;

export const chatStateSchema = z
  .object({ messages: z.array(chatMessageSchema) })
  .meta({ id: 'ChatState', description: 'The latest messages, oldest first' });
export type ChatState = z.infer<typeof chatStateSchema>;

export const chatQuestionResultSchema = questionSchema;

export const chatEventSchema = z.discriminatedUnion('type', [
  eventEnvelope('chat.message', chatMessageSchema),
  eventEnvelope('chat.deleted', z.object({ id: z.string() })),
  /** A moderator made a message into a question. */
  eventEnvelope('chat.questioned', z.object({ id: z.string(), questionId: z.string() })),
]);
export type ChatEvent = z.infer<typeof chatEventSchema>;
