import type { RegistrationQuestion } from '@serambi/shared';

export type QuestionKind = RegistrationQuestion['kind'];

/** A registration question while it is being written: choices as one text, a line per choice. */
export interface QuestionDraft {
  id: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  optionsText: string;
}

/**
 * A new question's id: random rather than made from its label, so editing the label later does
 * not detach the answers people already gave.
 */
export function newQuestionDraft(): QuestionDraft {
  const id = `q-${Math.random().toString(36).slice(2, 8)}`;
  return { id, kind: 'short-text', label: '', required: false, optionsText: '' };
}

export function toQuestionDraft(question: RegistrationQuestion): QuestionDraft {
  return { ...question, optionsText: question.kind === 'choice' ? question.options.join('\n') : '' };
}

export function toQuestion(draft: QuestionDraft): RegistrationQuestion {
  const base = { id: draft.id, label: draft.label, required: draft.required };
  if (draft.kind !== 'choice') return { ...base, kind: draft.kind };
  const options = draft.optionsText
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return { ...base, kind: 'choice', options };
}
