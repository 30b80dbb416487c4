import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import {
  type AccountUser,
  fetchCurrentUser,
  requestPasswordReset,
  resendConfirmation,
  resetPassword,
  type SignUpInput,
  signIn,
  signOut,
  signUp,
} from '../../api/auth.ts';

const CURRENT_USER_KEY = ['account', 'current-user'] as const;

export const currentUserQuery = () =>
  queryOptions({ queryKey: CURRENT_USER_KEY, queryFn: fetchCurrentUser, staleTime: 5 * 60_000 });

/** The signed-in person (`data` null when signed out, undefined while asking). */
export function useCurrentUser() {
  return useQuery(() => currentUserQuery());
}

/**
 * After signing in, up or out, everything cached was seen as someone else: it is dropped and
 * the new person is put in its place.
 */
function useSwitchAccount() {
  const queryClient = useQueryClient();
  return (user: AccountUser | null) => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== CURRENT_USER_KEY[0] });
    queryClient.setQueryData(CURRENT_USER_KEY, user);
  };
}

export function useSignUp() {
  const switchAccount = useSwitchAccount();
  return useMutation(() => ({ mutationFn: (input: SignUpInput) => signUp(input), onSuccess: switchAccount }));
}

export function useSignIn() {
  const switchAccount = useSwitchAccount();
  return useMutation(() => ({
    mutationFn: (input: { email: string; password: string }) => signIn(input),
    onSuccess: switchAccount,
  }));
}

export function useSignOut() {
  const switchAccount = useSwitchAccount();
  return useMutation(() => ({ mutationFn: signOut, onSuccess: () => switchAccount(null) }));
}

export function useRequestPasswordReset() {
  return useMutation(() => ({ mutationFn: (email: string) => requestPasswordReset(email) }));
}

export function useResetPassword() {
  return useMutation(() => ({
    mutationFn: (input: { token: string; newPassword: string }) => resetPassword(input),
  }));
}

export function useResendConfirmation() {
  return useMutation(() => ({
    mutationFn: (input: { email: string; returnTo: string }) => resendConfirmation(input),
  }));
}
