const MAX_SLUG_LENGTH = 64;

/** An address suggested from a community's name: "Komunitas Bisnis Bali" → "komunitas-bisnis-bali". */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}
