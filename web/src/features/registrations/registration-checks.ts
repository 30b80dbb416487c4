import { registerRequestSchema } from '@serambi/shared';
import type { Translate } from '../../ui/form/field-errors.ts';
import { validateWith } from '../../ui/form/validate-with.ts';

/**
 * The registration form's check with the schema the server validates with. Loaded when the
 * form is first used (RegistrationForm.tsx): it brings zod, which the session page does not
 * need to show a date and a form.
 */
export const checkRegistration = (request: unknown, t: Translate) => validateWith(registerRequestSchema, request, t);
