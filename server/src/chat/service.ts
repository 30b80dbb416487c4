import {
  CHAT_SNAPSHOT_MESSAGES,
  type ChatMessage,
  type ChatState,
  type Question,
  type SendChatMessageRequest,
} from '@serambi/shared';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { recordAudit } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { changeRoom, type EventDraft } from '../room/events.ts';
import { authorizeInRoom, isOver } from '../room/rules.ts';
import type { RoomParticipantRow, SessionRoomRow } from '../room/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { authorizeSending, chatRules, heldByChatLimits, slowModeWait } from './rules.ts';
import { type ChatMessageRow, chatMessages } from './schema.ts';

/**
 * The room's chat. Messages are stored as written and drawn as text on every client; moderators
 * delete, announce, close the chat or slow it down, and turn a message that is really a
 * question into one (its author kept). Slow mode is checked under the room's lock against the
 * stored messages, so it holds across app instances.
 */

type Caller = RoomParticipantRow;

export function chatMessageView(row: ChatMessageRow): ChatMessage {
  return {
    id: row.id,
    author: { identity: row.authorIdentity, name: row.authorName, role: row.authorRole },
    text: row.text,
    kind: row.kind,
    at: row.createdAt.toISOString(),
    questionId: row.questionId,
  };
}

const notFound = () => new AppError(404, 'chat_message_not_found', 'problems.chatMessageNotFound');

export async function sendChatMessage(
  deps: RoomDeps,
  session: SessionRow,
  caller: Caller,
  request: Required<SendChatMessageRequest>,
): Promise<ChatMessage> {
  authorizeSending(caller, request.announcement);
  if (isOver(session)) throw new AppError(409, 'room_ended', 'problems.roomEnded');
  let sent: ChatMessageRow | undefined;
  await changeRoom(deps, session.id, async (tx, room) => {
    const at = deps.now();
    if (heldByChatLimits(caller)) {
      if (room.chatClosed) throw new AppError(409, 'chat_closed', 'problems.chatClosed');
      if (room.chatSlowModeSeconds > 0) await requireSlowModeWait(tx, session.id, caller, room.chatSlowModeSeconds, at);
    }
    const [row] = await tx
      .insert(chatMessages)
      .values({
        sessionId: session.id,
        authorIdentity: caller.identity,
        authorName: caller.name,
        authorRole: caller.role,
        kind: request.announcement ? 'announcement' : 'message',
        text: request.text,
        createdAt: at,
      })
      .returning();
    if (!row) throw new Error('chat message not inserted');
    sent = row;
    return [{ type: 'chat.message', data: chatMessageView(row) }];
  });
  if (!sent) throw new Error('chat message not sent');
  return chatMessageView(sent);
}

async function requireSlowModeWait(tx: Tx, sessionId: string, caller: Caller, seconds: number, at: Date) {
  const [last] = await tx
    .select({ at: chatMessages.createdAt })
    .from(chatMessages)
    .where(and(eq(chatMessages.sessionId, sessionId), eq(chatMessages.authorIdentity, caller.identity)))
    .orderBy(desc(chatMessages.createdAt))
    .limit(1);
  const wait = slowModeWait(last?.at ?? null, seconds, at);
  if (wait > 0) throw new AppError(429, 'chat_slow_mode', 'problems.chatSlowMode', { params: { seconds, wait } });
}

async function messageFor(tx: Tx, sessionId: string, id: string): Promise<ChatMessageRow> {
  const [row] = await tx
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.id, id), eq(chatMessages.sessionId, sessionId)))
    .for('update');
  if (!row || row.deletedAt) throw notFound();
  return row;
}

/** A moderator deletes a message: it is gone from every screen, and stays in the audit log. */
export async function deleteChatMessage(deps: RoomDeps, session: SessionRow, moderator: Caller, id: string) {
  authorizeInRoom(chatRules, 'delete', moderator);
  await changeRoom(deps, session.id, async (tx) => {
    const row = await messageFor(tx, session.id, id);
    const at = deps.now();
    await tx.update(chatMessages).set({ deletedAt: at, deletedBy: moderator.identity }).where(eq(chatMessages.id, id));
    await recordAudit(tx, {
      sessionId: session.id,
      at,
      action: 'chat_delete',
      actor: moderator,
      target: { identity: row.authorIdentity, name: row.authorName },
      detail: { message: row.id, text: row.text },
    });
    return [{ type: 'chat.deleted', data: { id } }];
  });
}

/**
 * How a chat message becomes a question on the list (Q&A's `questionFromChat`, given where the
 * app is composed): in the transaction that marks the message, under the room's lock.
 */
export type AskFromChat = (
  tx: Tx,
  room: SessionRoomRow,
  message: ChatMessageRow,
  moderator: Caller,
  at: Date,
) => Promise<{ question: Question; events: EventDraft[] }>;

/** A moderator turns a chat message into a question on the list, asked by the message's author. */
export async function chatMessageToQuestion(
  deps: RoomDeps,
  session: SessionRow,
  moderator: Caller,
  id: string,
  askFromChat: AskFromChat,
): Promise<Question> {
  authorizeInRoom(chatRules, 'makeQuestion', moderator);
  if (isOver(session)) throw new AppError(409, 'qa_closed', 'problems.qaClosed');
  let question: Question | undefined;
  await changeRoom(deps, session.id, async (tx, room) => {
    const message = await messageFor(tx, session.id, id);
    if (message.questionId) throw new AppError(409, 'chat_already_question', 'problems.chatAlreadyQuestion');
    const asked = await askFromChat(tx, room, message, moderator, deps.now());
    await tx.update(chatMessages).set({ questionId: asked.question.id }).where(eq(chatMessages.id, id));
    question = asked.question;
    return [...asked.events, { type: 'chat.questioned', data: { id, questionId: asked.question.id } }];
  });
  if (!question) throw new Error('question not made');
  return question;
}

/** The latest messages, oldest first: the chat part of a snapshot. */
export async function chatStateFor(db: Database, sessionId: string): Promise<ChatState> {
  const rows = await db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.sessionId, sessionId), isNull(chatMessages.deletedAt)))
    .orderBy(desc(chatMessages.createdAt))
    .limit(CHAT_SNAPSHOT_MESSAGES);
  return { messages: rows.reverse().map(chatMessageView) };
}

/** How many messages the session's chat kept (the interaction report's figure). */
export async function chatMessageCount(db: Database, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(chatMessages)
    .where(and(eq(chatMessages.sessionId, sessionId), isNull(chatMessages.deletedAt)));
  return row?.n ?? 0;
}
