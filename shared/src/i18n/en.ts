import type { Messages } from './id.ts';

export const en: Messages = {
  app: {
    name: 'Serambi',
    tagline: 'Moderated online sharing sessions for communities',
    skipToContent: 'Skip to content',
  },
  nav: {
    home: 'Home',
    language: 'Language',
    apiDocs: 'API reference',
  },
  home: {
    title: 'Community sharing sessions, from registration to certificate',
    lead: 'Schedule a series, take registrations, remind people, run the live session with a Q&A queue, then share the recording, the attendance report and e-certificates — all in one place.',
    features: {
      schedule: 'Series and schedules in WIB, WITA and WIT',
      live: 'A live stage with a moderator and a Q&A queue',
      after: 'Recordings, attendance reports and e-certificates',
    },
  },
  status: {
    heading: 'System status',
    checking: 'Checking…',
    ok: 'Working',
    down: 'Unavailable',
    unreachable: 'The server cannot be reached',
    database: 'Database',
    livekit: 'Media server (LiveKit)',
    overall: 'Overall',
  },
  language: {
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  notFound: {
    title: 'Page not found',
    body: 'This address does not exist or has moved.',
    back: 'Back to home',
  },
  problems: {
    validation: 'The request is not valid. Check the fields listed and try again.',
    malformedJson: 'The request body is not valid JSON.',
    notFound: 'What you are looking for was not found.',
    routeNotFound: 'This API address does not exist. See /api/docs for the list.',
    slugTaken: 'The address "{slug}" is already taken by another community. Choose another.',
    conflict: 'This conflicts with data that already exists.',
    unauthorized: 'You need to sign in to do this.',
    forbidden: 'You are not allowed to do this.',
    webhookSignature: 'The webhook signature is not valid.',
    payloadTooLarge: 'The request is too large.',
    unavailable: 'The service is unavailable right now. Try again in a moment.',
    internal: 'Something went wrong on the server. It has been logged; try again later.',
  },
};
