import type { InteractionReport, QaState, Question, RoomEvent, VoteResult } from '@serambi/shared';
import type { Caller } from './accounts.ts';
import type { ConnectedClient, RoomClient } from './room.ts';

/** Asks a question as this person; throws unless it was taken (201). */
export async function ask(member: RoomClient, text: string, anonymous = false): Promise<Question> {
  const response = await member.call('/questions', { body: { text, anonymous } });
  if (response.status !== 201) throw new Error(`ask: ${response.status} ${await response.text()}`);
  return (await response.json()) as Question;
}

/** Upvotes a question (or takes the upvote back); throws unless 200. */
export async function vote(member: RoomClient, id: string, voted = true): Promise<VoteResult> {
  const response = await member.call(`/questions/${id}/vote`, { method: 'PUT', body: { voted } });
  if (response.status !== 200) throw new Error(`vote: ${response.status} ${await response.text()}`);
  return (await response.json()) as VoteResult;
}

/** A moderator's action on a question; throws unless 204. */
export async function moderate(moderator: RoomClient, id: string, action: string) {
  const response = await moderator.call(`/questions/${id}/${action}`);
  if (response.status !== 204) throw new Error(`${action}: ${response.status} ${await response.text()}`);
}

/** The next public `qa.question` event about `id` (matching `match`) this client receives. */
export async function nextQuestion(
  client: ConnectedClient,
  id: string,
  match: (question: Question) => boolean = () => true,
): Promise<Question> {
  const event = await client.nextEvent((e) => e.type === 'qa.question' && e.data.id === id && match(e.data));
  if (event.type !== 'qa.question') throw new Error('not a question');
  return event.data;
}

/** The next `qa.question` event about `id` addressed to this client alone or to the moderators. */
export async function nextDirectQuestion(
  client: ConnectedClient,
  id: string,
  match: (question: Question) => boolean = () => true,
): Promise<Question> {
  const event = await client.nextDirect((e) => e.type === 'qa.question' && e.data.id === id && match(e.data));
  if (event.type !== 'qa.question') throw new Error('not a question');
  return event.data;
}

export function questionIn(qa: QaState, id: string): Question | undefined {
  return qa.questions.find((question) => question.id === id);
}

/**
 * The vote counts a client knows from the events it received, applied in version order as the
 * web client does: a question's own count, then each coalesced `qa.votes` over it.
 */
export function votesKnownBy(client: ConnectedClient): Map<string, number> {
  const counts = new Map<string, number>();
  const inOrder = [...client.events].sort((a, b) => a.v - b.v);
  for (const event of inOrder) applyVotes(counts, event);
  return counts;
}

function applyVotes(counts: Map<string, number>, event: RoomEvent) {
  if (event.type === 'qa.question') counts.set(event.data.id, event.data.votes);
  if (event.type === 'qa.removed') counts.delete(event.data.id);
  if (event.type === 'qa.votes') for (const { id, votes } of event.data.votes) counts.set(id, votes);
}

/** The session's Q&A, polls and reactions as its organizer's report shows them. */
export async function interactionReportSeenBy(organizer: Caller, sessionSlug: string): Promise<InteractionReport> {
  const response = await organizer.request(`/api/sessions/${sessionSlug}/report/interaction`);
  if (response.status !== 200) throw new Error(`report: ${response.status} ${await response.text()}`);
  return (await response.json()) as InteractionReport;
}
