/** The query keys of registrations; a module of its own so that the room's page names one without the API's code. */
export const registrationKeys = {
  mine: (secret: string) => ['registrations', secret] as const,
  ofSession: (ref: string) => ['sessions', ref, 'registrants'] as const,
};
