import type { certificatesMessages as reference } from './certificates.id.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English messages of certificates; the same keys as certificates.id.ts. */
export const certificatesMessages: Widen<typeof reference> = {
  /** Helper B: the PDF's fixed words, the mail, the API's problems. */
  pdf: {},
  mail: {},
  problems: {},
  /** Helper D: the organizer's certificate panel (program, template, list). */
  panel: {},
  /** Helper C: the public verification page and the attendee's certificates on the join link. */
  verify: {},
  mine: {},
};
