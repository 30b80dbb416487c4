import type { Question } from '@serambi/shared';
import type { MessageKey } from '@serambi/shared/i18n';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Who asked, as this viewer may say it: "You", a name, "Anonymous", or a name a moderator
 * sees next to "(anonymous)" so they never read it out by mistake.
 */
export function askerLabel(question: Question, isMine: boolean, t: Translate): string {
  if (isMine) return question.anonymous ? `${t('qa.card.you')} (${t('qa.card.anonymous')})` : t('qa.card.you');
  if (!question.author) return t('qa.card.anonymous');
  return question.anonymous ? `${question.author.name} (${t('qa.card.anonymous')})` : question.author.name;
}

/** "1 vote", "3 votes": English counts one apart. */
export const votesText = (count: number, t: Translate) =>
  count === 1 ? t('qa.card.voteOne') : t('qa.card.votes', { count });
