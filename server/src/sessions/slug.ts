import { randomBytes } from 'node:crypto';

/**
 * A readable, unguessable-enough address for a session page: the title's words plus a short
 * random tail, so two "Sharing Online #3" never collide and unlisted sessions are not listable.
 */
export function sessionSlug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  const tail = randomBytes(5)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  return words ? `${words}-${tail}` : tail;
}
