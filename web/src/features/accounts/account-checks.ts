import type { MessageKey } from '@serambi/shared/i18n';

/** better-auth's own rule (emailAndPassword.minPasswordLength on the server). */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 128;

// The browser's own rule for type="email": what it accepts, we accept.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export function emailProblem(email: string): MessageKey | undefined {
  if (email.trim() === '') return 'forms.required';
  return EMAIL.test(email.trim()) ? undefined : 'forms.email';
}

export function newPasswordProblem(password: string): MessageKey | undefined {
  if (password === '') return 'forms.required';
  if (password.length < MIN_PASSWORD_LENGTH) return 'auth.errors.passwordTooShort';
  return password.length > MAX_PASSWORD_LENGTH ? 'auth.errors.passwordTooLong' : undefined;
}
