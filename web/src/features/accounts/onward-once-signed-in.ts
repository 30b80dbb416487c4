import { useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect } from 'solid-js';
import { useCurrentUser } from './accounts-api.ts';
import { safeNextPath } from './next-path.ts';

/**
 * For the sign-in and sign-up pages: where the person was going (`?next=`, else /manage), the
 * address they came with (`?email=`), and `goOnward` to take them there.
 */
export function useOnwardOnceSignedIn() {
  const [search] = useSearchParams<{ next?: string; email?: string }>();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const next = () => safeNextPath(search.next, '/manage');
  const goOnward = () => navigate(next(), { replace: true });
  // Signed in just now or already before: either way, on to where the person was going.
  createEffect(() => {
    if (user.data) goOnward();
  });
  return { next, email: () => search.email, goOnward };
}
