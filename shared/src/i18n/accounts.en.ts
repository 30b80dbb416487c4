import type { accountsMessages as reference } from './accounts.id.ts';
import type { Translation } from './translation.ts';

/**
 * English messages of accounts: sign-up, sign-in, password reset and the account menu; the same keys
 * as accounts.id.ts.
 */
export const accountsMessages: Translation<typeof reference> = {
  auth: {
    signIn: 'Sign in',
    signUp: 'Sign up',
    name: 'Full name',
    email: 'Email',
    password: 'Password',
    newPassword: 'New password',
    passwordHint: 'At least {min} characters.',
    signUpTitle: 'Create your Serambi account',
    signUpLead: 'Free. With this account you run your community, schedule sessions and take registrations.',
    stepAccount: 'Step 1 of 2: your account',
    signUpAction: 'Create account',
    signingUp: 'Creating account…',
    haveAccount: 'Already have an account?',
    signInTitle: 'Sign in to Serambi',
    signInLead: 'Sign in to manage your communities and sessions.',
    signInAction: 'Sign in',
    signingIn: 'Signing in…',
    noAccount: 'No account yet?',
    forgotPassword: 'Forgot your password?',
    forgotTitle: 'Forgot your password',
    forgotLead: 'Enter your account’s email. We’ll send you a link to choose a new password.',
    sendResetLink: 'Send link',
    resetSent:
      'If {email} has a Serambi account, a link to choose a new password is on its way. Check your spam folder too.',
    backToSignIn: 'Back to sign in',
    resetTitle: 'Choose a new password',
    saveNewPassword: 'Save new password',
    resetDone: 'Your new password is saved. Sign in with it.',
    requestNewLink: 'Request a new link',
    confirm: {
      title: 'Confirm your email address',
      resend: 'Send the link again',
      resending: 'Sending…',
      resent: 'A new link is on its way to {email}. Open it, and you will come back here. Check your spam folder too.',
      alreadyConfirmed: 'Your address is already confirmed. Try again now.',
      retry: 'I have confirmed it, try again',
    },
    needed: {
      title: 'Sign in first',
      body: 'This page is for organizers. Sign in or create an account to continue.',
    },
    errors: {
      wrongPassword: 'Wrong email or password.',
      passwordTooShort: 'The password needs at least 10 characters.',
      passwordTooLong: 'The password can have at most 128 characters.',
      emailTaken: 'This email already has an account. Sign in instead, or use another email.',
      resetLinkInvalid: 'This link was already used or has expired. Request a new one.',
      emailNotVerified: 'Confirm your email first with the link we sent you.',
      tooMany: 'Too many attempts. Wait a moment and try again.',
      failed: 'That did not work. Try again in a moment.',
    },
  },
  account: {
    menu: 'Account menu',
    myCommunities: 'My communities',
    newCommunity: 'Create a community',
    signOut: 'Sign out',
  },
};
