/**
 * Where to go after signing in or up: a path on this site from `?next=`, never another origin
 * ("//evil.example" and "/\evil.example" are other origins to a browser).
 */
export function safeNextPath(next: string | string[] | undefined, fallback: string): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}

/** A sign-in or sign-up address that comes back to `path` afterwards, optionally with the address pre-filled. */
export function withNext(page: '/signin' | '/signup', path: string, email?: string): string {
  const prefill = email ? `email=${encodeURIComponent(email)}&` : '';
  return `${page}?${prefill}next=${encodeURIComponent(path)}`;
}
