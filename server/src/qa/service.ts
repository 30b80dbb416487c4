import {
  type AskQuestionRequest,
  QUESTION_MAX_LENGTH,
  type Question,
  type QuestionAction,
  type VoteResult,
} from '@serambi/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { recordAudit } from '../room/caller.ts';
import type { RoomDeps } from '../room/deps.ts';
import { changeRoom, type EventDraft } from '../room/events.ts';
import { authorizeInRoom, isOver } from '../room/rules.ts';
import type { RoomParticipantRow, SessionRoomRow } from '../room/schema.ts';
import { inviteToStage } from '../room/stage.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { pin, unpinIf } from './answering.ts';
import {
  isAsker,
  MODERATOR_TRANSITIONS,
  mayChangeAsAsker,
  mayEditAsModerator,
  mayMerge,
  maySee,
  qaRules,
} from './rules.ts';
import { type QuestionRow, questions, questionVotes } from './schema.ts';
import { mayKnowAuthor, questionEvents, questionView } from './views.ts';

/**
 * The Q&A queue. Every change runs under the room's lock (`changeRoom`), bumps the question's
 * `rev` and announces what the audience, the moderators and the asker may each see. Votes are
 * the exception: they lock only their question's row, and their counts are announced in
 * coalesced bursts.
 */

type Caller = RoomParticipantRow;

/** The kind question votes are marked under for the coalescer (`questionVoteCounts` announces them). */
export const QUESTION_VOTES = 'qa.votes';

/** Questions are taken before and during the session, not after it. */
function requireOpenForQuestions(session: SessionRow) {
  if (isOver(session)) throw new AppError(409, 'qa_closed', 'problems.qaClosed');
}

const notFound = () => new AppError(404, 'question_not_found', 'problems.questionNotFound');

/** A question of this session the caller may see, locked for the rest of the transaction. */
async function questionFor(tx: Tx, session: SessionRow, caller: Caller, id: string): Promise<QuestionRow> {
  const [row] = await tx
    .select()
    .from(questions)
    .where(and(eq(questions.id, id), eq(questions.sessionId, session.id)))
    .for('update');
  if (!row || !maySee(caller, row)) throw notFound();
  return row;
}

async function updateQuestion(
  tx: Tx,
  row: QuestionRow,
  changes: PgUpdateSetSource<typeof questions>,
): Promise<QuestionRow> {
  const [updated] = await tx
    .update(questions)
    .set({ ...changes, rev: sql`${questions.rev} + 1` })
    .where(eq(questions.id, row.id))
    .returning();
  if (!updated) throw new Error(`question ${row.id} vanished under its lock`);
  return updated;
}

/**
 * Writes a new question for `author` (a participant asking, or a moderator turning a chat
 * message into one) and says what to announce. Team members skip the review list.
 */
export async function insertQuestion(
  tx: Tx,
  room: SessionRoomRow,
  author: Pick<RoomParticipantRow, 'identity' | 'name' | 'role'>,
  question: { text: string; anonymous: boolean; fromChatMessageId?: string },
  at: Date,
  /** A moderator is putting it on the list: no review. */
  approved = false,
): Promise<{ row: QuestionRow; events: EventDraft[] }> {
  if (question.anonymous && room.anonymousQuestions === 'off') {
    throw new AppError(422, 'question_anonymous_off', 'problems.questionAnonymousOff');
  }
  const reviewed = room.qaMode === 'reviewed' && author.role === 'participant' && !approved;
  const [row] = await tx
    .insert(questions)
    .values({
      sessionId: room.sessionId,
      authorIdentity: author.identity,
      authorName: author.name,
      anonymous: question.anonymous,
      authorVisibleToModerators: !question.anonymous || room.anonymousQuestions === 'moderators',
      text: question.text,
      status: reviewed ? 'pending' : 'open',
      createdAt: at,
      fromChatMessageId: question.fromChatMessageId ?? null,
    })
    .returning();
  if (!row) throw new Error('question not inserted');
  return { row, events: questionEvents(row, null) };
}

/** Asks a question (open mode: on the list at once; reviewed mode: in the review list). */
export async function askQuestion(
  deps: RoomDeps,
  session: SessionRow,
  caller: Caller,
  request: Required<AskQuestionRequest>,
): Promise<Question> {
  authorizeInRoom(qaRules, 'ask', caller);
  requireOpenForQuestions(session);
  let asked: QuestionRow | undefined;
  await changeRoom(deps, session.id, async (tx, room) => {
    const { row, events } = await insertQuestion(tx, room, caller, request, deps.now());
    asked = row;
    return events;
  });
  if (!asked) throw new Error('question not asked');
  return questionView(asked, caller);
}

/**
 * The asker rewrites their question until it is answered; a moderator corrects a typo in any
 * question still in play, and the question says it was edited by a moderator.
 */
export async function editQuestion(
  deps: RoomDeps,
  session: SessionRow,
  caller: Caller,
  id: string,
  text: string,
): Promise<Question> {
  authorizeInRoom(qaRules, 'edit', caller);
  let edited: QuestionRow | undefined;
  await changeRoom(deps, session.id, async (tx) => {
    const row = await questionFor(tx, session, caller, id);
    const asAsker = mayChangeAsAsker(caller, row);
    if (!asAsker && !mayEditAsModerator(caller, row)) {
      if (isAsker(caller, row)) throw new AppError(409, 'question_not_editable', 'problems.questionNotEditable');
      throw new AppError(403, 'forbidden', 'problems.forbidden');
    }
    if (row.text === text) {
      edited = row;
      return [];
    }
    const at = deps.now();
    edited = await updateQuestion(tx, row, { text, editedAt: at, editedByModerator: !asAsker });
    if (!asAsker) {
      await recordAudit(tx, {
        sessionId: session.id,
        at,
        action: 'question_edit',
        actor: caller,
        detail: { question: row.id, before: row.text },
      });
    }
    return questionEvents(edited, row.status);
  });
  if (!edited) throw new Error('question not edited');
  return questionView(edited, caller);
}

/** The asker takes their question back (until it is answered). */
export async function withdrawQuestion(deps: RoomDeps, session: SessionRow, caller: Caller, id: string) {
  authorizeInRoom(qaRules, 'withdraw', caller);
  await changeRoom(deps, session.id, async (tx, room) => {
    const row = await questionFor(tx, session, caller, id);
    if (!isAsker(caller, row)) throw new AppError(403, 'forbidden', 'problems.forbidden');
    if (!mayChangeAsAsker(caller, row))
      throw new AppError(409, 'question_not_editable', 'problems.questionNotEditable');
    const withdrawn = await updateQuestion(tx, row, { status: 'withdrawn' });
    return [...(await unpinIf(tx, room, row.id, deps.now())), ...questionEvents(withdrawn, row.status)];
  });
}

/**
 * One upvote per person, toggled: `voted` says which way, so sending it twice changes nothing.
 * One statement does it (votes are the hottest write of a session): it locks the question's
 * row (a merge locks it too, so no vote lands on a question merged away), adds or removes the
 * ballot if the question is open, and moves the count by what changed. The count is announced
 * with the next burst. Only when nothing matched is the question read again, to say why.
 */
export async function voteQuestion(
  deps: RoomDeps,
  session: SessionRow,
  caller: Caller,
  id: string,
  voted: boolean,
): Promise<VoteResult> {
  authorizeInRoom(qaRules, 'vote', caller);
  requireOpenForQuestions(session);
  const target = sql`select id from ${questions} where id = ${id} and session_id = ${session.id} and status = 'open' for update`;
  const ballot = voted
    ? sql`insert into ${questionVotes} (question_id, identity, session_id, at)
          select id, ${caller.identity}, ${session.id}, ${deps.now().toISOString()}::timestamptz from target
          on conflict do nothing returning question_id`
    : sql`delete from ${questionVotes}
          where question_id in (select id from target) and identity = ${caller.identity} returning question_id`;
  const result = await deps.db.execute(sql`
    with target as (${target}), ballot as (${ballot})
    update ${questions} set votes = votes + ${voted ? 1 : -1} * (select count(*)::int from ballot)
    from target where ${questions.id} = target.id
    returning ${questions.votes} as votes, (select count(*)::int from ballot) as changed`);
  const [row] = (result as unknown as { rows: { votes: number; changed: number }[] }).rows;
  if (!row) {
    // Not open: say whether it is gone (for this caller) or only not votable.
    await deps.db.transaction((tx) => questionFor(tx, session, caller, id));
    throw new AppError(409, 'question_not_votable', 'problems.questionNotVotable');
  }
  if (row.changed > 0) deps.bursts.mark(session.id, QUESTION_VOTES, id);
  return { voted, votes: Number(row.votes) };
}

/**
 * A moderator's action on one question: approve, dismiss, answer, reopen, pin as "now
 * answering", unpin, or invite the asker on stage (the same consent flow as a raised hand).
 */
export async function moderateQuestion(
  deps: RoomDeps,
  session: SessionRow,
  moderator: Caller,
  id: string,
  action: QuestionAction,
) {
  authorizeInRoom(qaRules, 'moderate', moderator);
  if (action === 'invite') return inviteAsker(deps, session, moderator, id);
  await changeRoom(deps, session.id, async (tx, room) => {
    const row = await questionFor(tx, session, moderator, id);
    const at = deps.now();
    if (action === 'pin') return pin(tx, room, row, at);
    if (action === 'unpin') return unpinIf(tx, room, row.id, at);
    const transition = MODERATOR_TRANSITIONS[action];
    if (row.status === transition.to) return [];
    if (!(transition.from as readonly string[]).includes(row.status)) {
      throw new AppError(409, 'question_not_open', 'problems.questionNotOpen');
    }
    const changed = await updateQuestion(tx, row, {
      status: transition.to,
      ...(action === 'answer' ? { answeredAt: at } : action === 'reopen' ? { answeredAt: null } : {}),
    });
    if (action === 'dismiss') {
      await recordAudit(tx, {
        sessionId: session.id,
        at,
        action: 'question_dismiss',
        actor: moderator,
        // An asker the moderators may not know stays unknown in their audit log too.
        ...(mayKnowAuthor(row, moderator) ? { target: { identity: row.authorIdentity, name: row.authorName } } : {}),
        detail: { question: row.id, text: row.text },
      });
    }
    const unpinned = action === 'answer' || action === 'dismiss' ? await unpinIf(tx, room, row.id, at) : [];
    return [...unpinned, ...questionEvents(changed, row.status)];
  });
}

/**
 * A chat message a moderator turns into a question (chat's `AskFromChat`): asked by the
 * message's author, on the list at once. A question is shorter than a message: a longer one is
 * cut, and the moderator can edit it.
 */
export async function questionFromChat(
  tx: Tx,
  room: SessionRoomRow,
  message: {
    id: string;
    text: string;
    authorIdentity: string;
    authorName: string;
    authorRole: RoomParticipantRow['role'];
  },
  moderator: Caller,
  at: Date,
): Promise<{ question: Question; events: EventDraft[] }> {
  const text =
    message.text.length > QUESTION_MAX_LENGTH ? `${message.text.slice(0, QUESTION_MAX_LENGTH - 1)}…` : message.text;
  const { row, events } = await insertQuestion(
    tx,
    room,
    { identity: message.authorIdentity, name: message.authorName, role: message.authorRole },
    { text, anonymous: false, fromChatMessageId: message.id },
    at,
    true,
  );
  return { question: questionView(row, moderator), events };
}

async function inviteAsker(deps: RoomDeps, session: SessionRow, moderator: Caller, id: string) {
  const row = await deps.db.transaction((tx) => questionFor(tx, session, moderator, id));
  if (row.anonymous) throw new AppError(409, 'question_anonymous_invite', 'problems.questionAnonymousInvite');
  await inviteToStage(deps, session, moderator, row.authorIdentity);
}

/**
 * Merges a duplicate into another question: the duplicate leaves the list, its voters' votes
 * go to the other (someone who voted for both counts once), and its asker is told where.
 */
export async function mergeQuestion(deps: RoomDeps, session: SessionRow, moderator: Caller, id: string, into: string) {
  authorizeInRoom(qaRules, 'merge', moderator);
  if (id === into) throw new AppError(409, 'question_merge_self', 'problems.questionMergeSelf');
  await changeRoom(deps, session.id, async (tx, room) => {
    const source = await questionFor(tx, session, moderator, id);
    const target = await questionFor(tx, session, moderator, into);
    if (!mayMerge(source, target)) throw new AppError(409, 'question_not_open', 'problems.questionNotOpen');
    const at = deps.now();
    await tx.execute(sql`
      insert into ${questionVotes} (question_id, identity, session_id, at)
      select ${target.id}, identity, session_id, at from ${questionVotes} where question_id = ${source.id}
      on conflict do nothing`);
    await tx.delete(questionVotes).where(eq(questionVotes.questionId, source.id));
    const merged = await updateQuestion(tx, source, { status: 'merged', mergedInto: target.id, votes: 0 });
    const grown = await updateQuestion(tx, target, {
      votes: sql`(select count(*)::int from ${questionVotes} where question_id = ${target.id})`,
    });
    await recordAudit(tx, {
      sessionId: session.id,
      at,
      action: 'question_merge',
      actor: moderator,
      detail: { question: source.id, into: target.id, text: source.text },
    });
    return [
      ...(await unpinIf(tx, room, source.id, at)),
      ...questionEvents(merged, source.status),
      ...questionEvents(grown, target.status),
    ];
  });
}
