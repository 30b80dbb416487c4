/** Indonesian messages of certificates; the reference for certificates.en.ts. */
export const certificatesMessages = {
  /** Helper B: the PDF's fixed words, the mail, the API's problems. */
  pdf: {},
  mail: {},
  problems: {},
  /** Helper D: the organizer's certificate panel (program, template, list). */
  panel: {},
  /** Helper C: the public verification page and the attendee's certificates on the join link. */
  verify: {},
  mine: {},
} as const;
