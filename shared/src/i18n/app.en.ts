import type { appMessages as reference } from './app.id.ts';
import type { Translation } from './translation.ts';

/**
 * English messages of the site around every page: its name, navigation, home page, language switch,
 * not-found page and the link previews of shared pages; the same keys as app.id.ts.
 */
export const appMessages: Translation<typeof reference> = {
  app: {
    name: 'Serambi',
    tagline: 'Moderated online sharing sessions for communities',
    skipToContent: 'Skip to content',
    homeLink: 'Serambi, go to home',
  },
  nav: {
    home: 'Home',
    language: 'Language',
    apiDocs: 'API reference',
    check: 'Device check',
    main: 'Main navigation',
  },
  home: {
    createCommunity: 'Create your community',
    checkDevices: 'Check your camera and microphone',
    featuresHeading: 'What Serambi takes care of',
    title: 'Community sharing sessions, from registration to certificate',
    lead: 'Schedule a series, take registrations, remind people, run the live session with a Q&A queue, then share the recording, the attendance report and e-certificates — all in one place.',
    features: {
      schedule: 'Series and schedules in WIB, WITA and WIT',
      live: 'A live stage with a moderator and a Q&A queue',
      after: 'Recordings, attendance reports and e-certificates',
    },
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
  linkPreview: {
    sessionBy: 'Online session by {community}',
    live: 'Live now',
    ended: 'Ended',
    cancelled: 'Cancelled',
    communityFallback: 'Online sharing sessions by {community} on Serambi.',
    nextSession: 'Next session: {title}, {time}.',
    seriesSessions: '{count} sessions by {community}.',
  },
};
