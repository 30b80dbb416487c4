import type { InteractionReport, Poll, QaReportQuestion } from '@serambi/shared';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { spreadsheetCsv } from '../http/spreadsheet-csv.ts';
import { findRoom } from '../room/snapshot.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { questionAnswering, questions } from './schema.ts';
import { questionView } from './views.ts';

/**
 * What the report shows of polls and chat, read by their own functions (`pollResults`,
 * `chatMessageCount`), given where the app is composed: Q&A does not import them.
 */
export interface InteractionSources {
  pollResults(db: Database, sessionId: string): Promise<Poll[]>;
  chatMessageCount(db: Database, sessionId: string): Promise<number>;
}

/**
 * The session's Q&A and polls for its organizers, during and after it: questions with their
 * votes and the times they were answered (the recording's chapters), poll results, reactions.
 */
export async function interactionReport(
  db: Database,
  session: SessionRow,
  sources: InteractionSources,
): Promise<InteractionReport> {
  const [rows, answering, polls, room, chatMessages] = await Promise.all([
    db
      .select()
      .from(questions)
      .where(and(eq(questions.sessionId, session.id), ne(questions.status, 'withdrawn')))
      .orderBy(asc(questions.createdAt)),
    db
      .select()
      .from(questionAnswering)
      .where(eq(questionAnswering.sessionId, session.id))
      .orderBy(asc(questionAnswering.startedAt)),
    sources.pollResults(db, session.id),
    findRoom(db, session.id),
    sources.chatMessageCount(db, session.id),
  ]);
  const organizer = { identity: '', role: 'moderator' } as const;
  return {
    questions: rows.map(
      (row): QaReportQuestion => ({
        ...questionView(row, organizer),
        answering: answering
          .filter((a) => a.questionId === row.id)
          .map((a) => ({ startedAt: a.startedAt.toISOString(), endedAt: a.endedAt?.toISOString() ?? null })),
      }),
    ),
    polls,
    reactions: room.reactionTotals,
    chatMessages,
  };
}

export function questionsCsv(report: InteractionReport): string {
  const header = [
    'asked_at',
    'question',
    'asked_by',
    'anonymous',
    'status',
    'votes',
    'answered_at',
    'answering_from',
    'edited',
  ];
  const rows = report.questions.map((q) => [
    q.createdAt,
    q.text,
    q.author?.name ?? '',
    q.anonymous ? 'yes' : 'no',
    q.status,
    q.votes,
    q.answeredAt ?? '',
    q.answering.map((a) => a.startedAt).join(' '),
    q.editedAt ? (q.editedByModerator ? 'by moderator' : 'by asker') : '',
  ]);
  return spreadsheetCsv([header, ...rows]);
}

export function pollsCsv(report: InteractionReport): string {
  const header = ['poll', 'kind', 'status', 'option', 'votes', 'voters'];
  const rows = report.polls.flatMap((p) =>
    p.options.map((o) => [p.question, p.kind, p.status, o.text, o.votes ?? 0, p.voters ?? 0]),
  );
  return spreadsheetCsv([header, ...rows]);
}
