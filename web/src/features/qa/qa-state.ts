import type { QaEvent, QaState, Question } from '@serambi/shared';

/**
 * The Q&A queue as one viewer holds it, and how what the server says moves it forward. These
 * work on plain objects and on Solid's `produce` drafts alike.
 */

/**
 * Folds a question into the list: the higher `rev` wins (on a tie, the incoming one), and an
 * author this viewer already knows is kept, since who asked never changes and an anonymous
 * question may come back without it.
 */
export function upsertQuestion(qa: QaState, incoming: Question): void {
  const held = qa.questions.find((question) => question.id === incoming.id);
  if (!held) {
    qa.questions.push({ ...incoming });
    return;
  }
  if (incoming.rev < held.rev) return;
  // In place, so a card drawn for it (and an edit typed into it) stays.
  Object.assign(held, incoming, { author: incoming.author ?? held.author });
}

/**
 * A question left the audience's view. The asker keeps theirs: the server tells them alone
 * what became of it (dismissed, merged), and that must not vanish before it arrives.
 */
export function removeQuestion(qa: QaState, id: string): void {
  if (qa.mine.includes(id)) return;
  qa.questions = qa.questions.filter((question) => question.id !== id);
  if (qa.answeringId === id) qa.answeringId = null;
}

export function applyQaEvent(qa: QaState, event: QaEvent): void {
  switch (event.type) {
    case 'qa.question':
      upsertQuestion(qa, event.data);
      break;
    case 'qa.removed':
      removeQuestion(qa, event.data.id);
      break;
    case 'qa.votes':
      for (const { id, votes } of event.data.votes) {
        const question = qa.questions.find((candidate) => candidate.id === id);
        if (question) question.votes = votes;
      }
      break;
    case 'qa.answering':
      qa.answeringId = event.data.id;
      break;
  }
}

/** My upvote as the server answered it, with the count it now has. */
export function applyMyVote(qa: QaState, id: string, result: { voted: boolean; votes: number }): void {
  const question = qa.questions.find((candidate) => candidate.id === id);
  if (question) question.votes = result.votes;
  const others = qa.myVotes.filter((voted) => voted !== id);
  qa.myVotes = result.voted ? [...others, id] : others;
}

/** A question I asked, as the server answered the asking. */
export function addMyQuestion(qa: QaState, question: Question): void {
  upsertQuestion(qa, question);
  if (!qa.mine.includes(question.id)) qa.mine = [...qa.mine, question.id];
}

/** A question I took back: gone from my view at once. */
export function withdrawMyQuestion(qa: QaState, id: string): void {
  qa.questions = qa.questions.filter((question) => question.id !== id);
  qa.mine = qa.mine.filter((mine) => mine !== id);
  qa.myVotes = qa.myVotes.filter((voted) => voted !== id);
  if (qa.answeringId === id) qa.answeringId = null;
}

// ---- Views -------------------------------------------------------------------------------------

export const QUESTION_ORDERS = ['votes', 'newest'] as const;
export type QuestionOrder = (typeof QUESTION_ORDERS)[number];

const newestFirst = (a: Question, b: Question) => Date.parse(b.createdAt) - Date.parse(a.createdAt);
const oldestFirst = (a: Question, b: Question) => -newestFirst(a, b);

/** Most votes first, the earlier question first among equals; or simply the newest first. */
export function sortQuestions(questions: readonly Question[], order: QuestionOrder): Question[] {
  const sorted = [...questions];
  if (order === 'newest') return sorted.sort(newestFirst);
  return sorted.sort((a, b) => b.votes - a.votes || oldestFirst(a, b));
}

/** What one viewer's Q&A panel shows, section by section. */
export interface QaSections {
  /** Pinned as "now answering", shown above everything. */
  answering: Question | undefined;
  /** On the list, not answered yet, not the one being answered, in the chosen order. */
  open: Question[];
  /** Answered, the latest first. */
  answered: Question[];
  /** Moderators: waiting for review, oldest first. */
  review: Question[];
  /** The viewer's own questions others do not see: waiting for review, dismissed, merged. */
  mineAside: Question[];
}

export function qaSections(qa: QaState, viewer: { isModerator: boolean }, order: QuestionOrder): QaSections {
  const mine = new Set(qa.mine);
  const answering = qa.questions.find(
    (question) => question.id === qa.answeringId && (question.status === 'open' || question.status === 'answered'),
  );
  const open = qa.questions.filter((question) => question.status === 'open' && question !== answering);
  const answered = qa.questions
    .filter((question) => question.status === 'answered' && question !== answering)
    .sort((a, b) => Date.parse(b.answeredAt ?? b.createdAt) - Date.parse(a.answeredAt ?? a.createdAt));
  const review = viewer.isModerator
    ? qa.questions.filter((question) => question.status === 'pending').sort(oldestFirst)
    : [];
  const mineAside = qa.questions
    .filter(
      (question) =>
        mine.has(question.id) &&
        (question.status === 'dismissed' ||
          question.status === 'merged' ||
          (question.status === 'pending' && !viewer.isModerator)),
    )
    .sort(newestFirst);
  return { answering, open: sortQuestions(open, order), answered, review, mineAside };
}

/** The questions on the list another one may be merged into: open or answered, not itself. */
export function mergeTargets(qa: QaState, id: string): Question[] {
  return sortQuestions(
    qa.questions.filter(
      (question) => question.id !== id && (question.status === 'open' || question.status === 'answered'),
    ),
    'votes',
  );
}
