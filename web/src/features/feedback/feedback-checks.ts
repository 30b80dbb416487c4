import { feedbackSubmissionSchema } from '@serambi/shared';
import type { Translate } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';

/**
 * The feedback form's check with the schema the server validates with. Loaded when the form is
 * first used (FeedbackForm.tsx): it brings zod, which a registrant's page does not need to show
 * itself.
 */
export const checkFeedback = (request: unknown, t: Translate) => validateWith(feedbackSubmissionSchema, request, t);
