import type { Attendee, Certificate, CertificateStatus } from '@serambi/shared';

/** Which people the report's table shows. */
export const PRESENCE_FILTERS = ['all', 'attended', 'absent'] as const;
export type PresenceFilter = (typeof PRESENCE_FILTERS)[number];

/** Lower case without accents, so "rene" finds "René" and "GEDE" finds "Gede". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('id');
}

/** Those the filter and the search admit, longest in the room first (then by name). */
export function visiblePeople(people: readonly Attendee[], filter: { presence: PresenceFilter; query: string }) {
  const words = searchable(filter.query).split(/\s+/).filter(Boolean);
  return people
    .filter((person) => filter.presence === 'all' || person.attended === (filter.presence === 'attended'))
    .filter((person) => {
      const haystack = searchable(`${person.name} ${person.email}`);
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name, 'id'));
}

export function presenceCounts(people: readonly Attendee[]): Record<PresenceFilter, number> {
  const attended = people.filter((person) => person.attended).length;
  return { all: people.length, attended, absent: people.length - attended };
}

/**
 * Each person's certificate, by lower-cased email: the valid one when there is one, otherwise
 * the latest (revoked, or replaced by a correction under another address).
 */
export function certificateStatusByEmail(certificates: readonly Certificate[]): Map<string, CertificateStatus> {
  const chosen = new Map<string, Certificate>();
  for (const certificate of certificates) {
    const email = certificate.email.toLowerCase();
    const held = chosen.get(email);
    const better =
      !held ||
      (certificate.status === 'valid' && held.status !== 'valid') ||
      (held.status !== 'valid' && certificate.issuedAt > held.issuedAt);
    if (better) chosen.set(email, certificate);
  }
  return new Map([...chosen].map(([email, certificate]) => [email, certificate.status]));
}
