import { isVisibleToAudience, type Question, type QuestionStatus, type RoomRole } from '@serambi/shared';
import type { DirectEventDraft, EventDraft } from '../room/events.ts';
import type { QuestionRow } from './schema.ts';

/** Who is looking at a question: what they may know of it depends on it. */
export interface Viewer {
  identity: string;
  role: RoomRole;
}

export const AUDIENCE: Viewer = { identity: '', role: 'participant' };
const MODERATORS: Viewer = { identity: '', role: 'moderator' };

/** Whether `viewer` may know who asked: always for named questions, for anonymous ones by the rule it was asked under. */
export function mayKnowAuthor(row: QuestionRow, viewer: Viewer): boolean {
  return (
    !row.anonymous ||
    row.authorIdentity === viewer.identity ||
    (viewer.role === 'moderator' && row.authorVisibleToModerators)
  );
}

export function questionView(row: QuestionRow, viewer: Viewer): Question {
  return {
    id: row.id,
    text: row.text,
    status: row.status,
    anonymous: row.anonymous,
    author: mayKnowAuthor(row, viewer) ? { identity: row.authorIdentity, name: row.authorName } : null,
    votes: row.votes,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    editedByModerator: row.editedByModerator,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    mergedInto: row.mergedInto,
    fromChat: row.fromChatMessageId !== null,
    rev: row.rev,
  };
}

/**
 * What a changed question announces. The audience hears of it while it is on their list and
 * once when it leaves (not why: a dismissal is told to the asker alone). Moderators and the
 * asker are told directly whenever the audience's view does not say everything they may know.
 */
export function questionEvents(row: QuestionRow, before: QuestionStatus | null): EventDraft[] {
  const visible = isVisibleToAudience(row.status);
  const events: EventDraft[] = [];
  if (visible) events.push({ type: 'qa.question', data: questionView(row, AUDIENCE) });
  else if (before && isVisibleToAudience(before)) events.push({ type: 'qa.removed', data: { id: row.id } });
  const direct = (to: DirectEventDraft['to'], viewer: Viewer): DirectEventDraft => ({
    type: 'qa.question',
    data: questionView(row, viewer),
    to,
  });
  if (!visible || (row.anonymous && row.authorVisibleToModerators)) events.push(direct('moderators', MODERATORS));
  if (!visible && row.status !== 'withdrawn') {
    events.push(direct([row.authorIdentity], { identity: row.authorIdentity, role: 'participant' }));
  }
  return events;
}
