import { askQuestionRequestSchema } from '@serambi/shared';
import type { Translate } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';

/**
 * The question form's check with the schema the server validates with. Loaded when the form is
 * first used (AskQuestionForm.tsx): it brings zod, which a registrant's page asking ahead does
 * not need to show itself.
 */
export const checkQuestion = (request: unknown, t: Translate) => validateWith(askQuestionRequestSchema, request, t);
