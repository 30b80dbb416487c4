/**
 * The messages a browser downloads, cut into bundles by where they are read, one file per
 * bundle and language: a visitor on a phone gets their own language's site and public pages'
 * messages, not both languages' every message. A message belongs to the bundle of the longest
 * prefix below that its key starts with ("feedback.leaving.leave" is the room's, the rest of
 * "feedback" the public pages'). The build cuts them from the shared dictionaries
 * (web/build/message-bundles-plugin.ts) and fails on a key no bundle and no server list claims.
 */

export const MESSAGE_BUNDLES = {
  /** Around every page: the header and footer, accounts, forms, times and the not-found page. */
  site: ['app', 'nav', 'home', 'language', 'notFound', 'forms', 'auth', 'account', 'time', 'timeZones', 'status'],
  /** Sessions, communities and series as visitors and registrants see them, before and during a session. */
  public: ['sessions', 'share', 'calendar', 'registration', 'myRegistration', 'series', 'communities', 'askAhead'],
  /** The slides and files of a session (materi), loaded with the list that shows them. */
  materials: ['materials'],
  /** What an ended session leaves its audience: the replay, the feedback form, their certificates. */
  afterSession: ['replay', 'feedback', 'certificates.mine'],
  /** The public check of a certificate's number. */
  verify: ['certificates.verify'],
  /** The pages of an invitation to speak or to organize. */
  invitations: ['invitations'],
  /** The camera and microphone check, alone or before going on stage. */
  devices: ['check'],
  /** What a form's own check says of a value (loaded with the check's code, on a form's first focus). */
  checks: ['validation'],
  /** The live room as the audience and the stage see it, up to its first picture. */
  room: [
    'room',
    'roomPanels',
    'reactions',
    'chat.banner',
    'feedback.leaving',
    'interactionReport.reactionKinds',
    'breakouts.moving',
    'breakouts.trouble',
  ],
  /** Breakout tables: the table, the main room's banner while tables are open, the console's tab. */
  breakouts: ['breakouts'],
  /** The room's Q&A, chat and polls panels (and the console's), loaded with them. */
  panels: ['qa', 'chat', 'polls'],
  /** Asking a question, in the room or ahead of the session, and what is left to type. */
  asking: ['askQuestion', 'characterCounter'],
  /** The moderator's console in the room. */
  console: ['roomConsole', 'interactionSettings', 'breakoutConsole'],
  /** Organizers' pages: their communities, session editor, registrants, reports, certificates. */
  manage: [
    'dashboard',
    'team',
    'editor',
    'questions',
    'people',
    'registrants',
    'recordings',
    'liveStream',
    'attendance',
    'certificates',
    'interactionReport',
  ],
} as const;

/** Messages only the server uses (problems, mails, link previews, PDFs): never sent to a browser. */
export const SERVER_ONLY_MESSAGES = [
  'problems',
  'mail',
  'outbox',
  'linkPreview',
  'certificates.pdf',
  'certificates.mail',
  'certificates.problems',
  'attendance.csv',
  'feedback.problems',
] as const;

export type MessageBundle = keyof typeof MESSAGE_BUNDLES;

/** A bundle's messages in one language, by dotted key ("room.stage.label"). */
export type FlatMessages = Readonly<Record<string, string>>;

const claims: { prefix: string; bundle: MessageBundle | 'server' }[] = [
  ...Object.entries(MESSAGE_BUNDLES).flatMap(([bundle, prefixes]) =>
    prefixes.map((prefix) => ({ prefix, bundle: bundle as MessageBundle })),
  ),
  ...SERVER_ONLY_MESSAGES.map((prefix) => ({ prefix, bundle: 'server' as const })),
  // Longest first, so "feedback.leaving" wins over "feedback".
].sort((a, b) => b.prefix.length - a.prefix.length);

/** The bundle a message is in, 'server' for the server's own, undefined for a key nothing claims. */
export function bundleOfKey(key: string): MessageBundle | 'server' | undefined {
  return claims.find(({ prefix }) => key === prefix || key.startsWith(`${prefix}.`))?.bundle;
}
