import { COMMUNITY_SLUG_MAX_LENGTH } from '@serambi/shared';

/** An address suggested from a community's name: "Komunitas Bisnis Bali" → "komunitas-bisnis-bali". */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, COMMUNITY_SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}
