/**
 * docs/capabilities.md#rules as dependency-cruiser rules: what each folder of server/src may
 * import. `pnpm arch` prints the figures and the violations; `pnpm lint` fails on a violation
 * that is not in KNOWN_EXCEPTIONS, and on an exception that no longer happens (so the list only
 * shrinks). A new exception is a decision: add it here with its reason, and to the "to be
 * removed" list of docs/capabilities.md.
 */
import type { IForbiddenRuleType } from 'dependency-cruiser';

const S = '^server/src/';
export const LIVE_ROOM = [
  'qa',
  'chat',
  'polls',
  'reactions',
  'recordings',
  'materials',
  'attendance',
  'feedback',
  'certificates',
  'whip',
  'breakouts',
];
export const SCHEDULING = ['accounts', 'communities', 'sessions', 'series', 'registrations', 'calendar'];
export const PLATFORM = ['db', 'http', 'livekit', 'jobs', 'notifications', 'storage'];
/** Compose and observe: they may import anything, and nothing imports them (but tests). */
export const EDGES = ['health', 'web', 'seed', 'backup', 'doctor'];
export const EDGE_FILES = ['app.ts', 'start.ts', 'main.ts', 'index.ts', 'compose.ts'];
/** The capability folders: what the cycle figure and the table-read figure are about. */
export const CAPABILITIES = [...SCHEDULING, 'room', ...LIVE_ROOM];

const folders = (names: string[]) => `${S}(${names.join('|')})/`;
const edges = `${S}(${EDGES.join('|')})/|${S}(${EDGE_FILES.map((f) => f.replace('.', '\\.')).join('|')})$`;
const CONTEXT = `${S}context\\.ts$`;

export const RULES: IForbiddenRuleType[] = [
  {
    name: 'room-core-knows-no-live-room-capability',
    comment: 'room/ gets what a capability adds to the room through RoomParts (docs/capabilities.md#rules, 1)',
    severity: 'error',
    from: { path: `${S}room/` },
    to: { path: folders(LIVE_ROOM) },
  },
  {
    name: 'room-core-imports-only-what-a-room-is-about',
    comment: 'room/ may import sessions/, communities/, registrations/ of the scheduling layer (rule 1)',
    severity: 'error',
    from: { path: `${S}room/` },
    to: { path: folders(['accounts', 'series', 'calendar']) },
  },
  {
    name: 'live-room-capabilities-do-not-import-each-other',
    comment: 'each its own (rule 2): what one needs of another comes through hooks the composition root passes',
    severity: 'error',
    from: { path: folders(LIVE_ROOM) },
    to: { path: folders(LIVE_ROOM), pathNot: `${S}$1/` },
  },
  {
    name: 'scheduling-does-not-reach-up',
    comment: 'scheduling knows no room, no live-room capability and no edge (the layers)',
    severity: 'error',
    from: { path: folders(SCHEDULING) },
    to: { path: `${folders(['room', ...LIVE_ROOM])}|${edges}` },
  },
  {
    name: 'scheduling-imports-no-other-routes',
    comment: "scheduling folders may import each other, except each other's routes",
    severity: 'error',
    from: { path: folders(SCHEDULING) },
    to: { path: `${folders(SCHEDULING)}[a-z-]*routes\\.ts$`, pathNot: `${S}$1/` },
  },
  ...(
    [
      ['accounts', 'communities|sessions|registrations|series|calendar'],
      ['communities', 'sessions|registrations|series|calendar'],
      ['sessions', 'registrations|series|calendar'],
      ['registrations', 'series|calendar'],
      ['series', 'calendar'],
    ] as const
  ).map(
    ([from, above]): IForbiddenRuleType => ({
      name: `scheduling-layers-${from}`,
      comment:
        'accounts ← communities ← sessions ← registrations ← series ← calendar (rule 3): what one needs of a folder above it comes through SessionParts, SessionNotifications or SeatsGained, composed in compose.ts',
      severity: 'error',
      from: { path: `${S}${from}/` },
      to: { path: `${S}(${above})/` },
    }),
  ),
  {
    name: 'capabilities-import-no-edge',
    comment: 'edges are imported by nobody but tests (rule 6)',
    severity: 'error',
    from: { path: folders(['room', ...LIVE_ROOM]) },
    to: { path: edges },
  },
  {
    name: 'platform-knows-no-capability',
    comment: 'only db/schema.ts (every schema.ts) and jobs/kinds.ts (payload schemas) name capabilities (rule 4)',
    severity: 'error',
    from: { path: folders(PLATFORM), pathNot: `${S}(db/schema|jobs/kinds)\\.ts$` },
    to: { path: `${folders([...SCHEDULING, 'room', ...LIVE_ROOM])}|${edges}|${CONTEXT}` },
  },
  ...(
    [
      ['db', 'http|livekit|jobs|notifications'],
      ['http', 'livekit|jobs|notifications'],
      ['livekit', 'jobs|notifications'],
      ['jobs', 'livekit|notifications'],
      ['storage', 'db|http|livekit|jobs|notifications'],
    ] as const
  ).map(
    ([from, above]): IForbiddenRuleType => ({
      name: `platform-layers-${from}`,
      comment:
        'db ← http ← livekit; jobs ← db, http; notifications ← jobs; storage knows none of them (the platform row of the map)',
      severity: 'error',
      from: { path: `${S}${from}/`, pathNot: `${S}(db/schema|jobs/kinds)\\.ts$` },
      to: { path: `${S}(${above})/` },
    }),
  ),
  {
    name: 'db-schema-gathers-only-schemas',
    comment: 'db/schema.ts gathers every schema.ts and nothing else',
    severity: 'error',
    from: { path: `${S}db/schema\\.ts$` },
    to: { path: `${S}`, pathNot: `/schema\\.ts$|${S}db/` },
  },
  {
    name: 'base-imports-nothing-of-ours',
    comment: 'config.ts (with config-env.ts, its schema), logger.ts and net/ are the bottom layer',
    severity: 'error',
    from: { path: `${S}(config(-env)?\\.ts|logger\\.ts|net/)` },
    to: { path: S, pathNot: `${S}(config(-env)?\\.ts|logger\\.ts|net/)` },
  },
  {
    name: 'context-only-as-a-type',
    comment: 'AppContext may be imported as a type by scheduling, room and live-room folders (rule 7)',
    severity: 'error',
    from: { path: folders([...SCHEDULING, 'room', ...LIVE_ROOM]) },
    to: { path: CONTEXT, dependencyTypesNot: ['type-only'] },
  },
  {
    name: 'only-livekit-imports-the-server-sdk',
    comment: 'rule 5: LiveKitEvents hands listeners our own shape of a webhook',
    severity: 'error',
    from: { path: S, pathNot: `${S}livekit/` },
    to: { path: 'node_modules/livekit-server-sdk/' },
  },
  {
    name: 'only-the-recorder-imports-rtc-node',
    comment:
      'rule 5: the recorder child process is the only WebRTC client of the server (and the doctor, a command that tries the media as a participant would)',
    severity: 'error',
    from: { path: S, pathNot: `${S}(recordings/recorder|doctor)/` },
    to: { path: 'node_modules/@livekit/rtc-node/' },
  },
  {
    name: 'shared-imports-no-server-nor-web',
    comment: 'rule 8',
    severity: 'error',
    from: { path: '^shared/' },
    to: { path: '^(server|web)/' },
  },
  {
    name: 'no-foreign-table-reads',
    comment:
      "a capability reads another's tables through that capability's functions (docs/capabilities.md#rules, 10); schema.ts files may reference other tables for foreign keys, edges may read anything",
    severity: 'error',
    from: { path: `${S}(${CAPABILITIES.join('|')}|${PLATFORM.join('|')})/`, pathNot: '/schema\\.ts$' },
    to: { path: `${S}([^/]+)/schema\\.ts$`, pathNot: `${S}$1/`, dependencyTypesNot: ['type-only'] },
  },
];

/**
 * Where `process.env` may be read (rule 5): config.ts, and what the map does not count: handing
 * the environment on to a child process, looking a binary up on PATH, and the recorder child
 * process, which reads its own environment.
 */
export const ENV_READERS: Record<string, string> = {
  'server/src/config.ts': 'the one reader',
  'server/src/livekit/local-server.ts': 'hands the environment on to the LiveKit child process',
  'server/src/livekit/binary.ts': 'looks livekit-server up on PATH',
  'server/src/recordings/recorder/spawn.ts': 'hands the environment on to the recorder child process',
  'server/src/recordings/recorder/main.ts': 'the recorder child process reads its own environment',
  'server/src/backup/postgres-dump.ts': 'hands the environment on to pg_dump and psql',
  'server/src/doctor/cli.ts':
    'the doctor command picks its language from LANG and checks the configuration as production',
};

/** A violation the map knows of and lists under "to be removed": `from → to` of one rule, and why it stays for now. */
export interface KnownException {
  rule: string;
  from: string;
  to: string;
  why: string;
}

/** Known exceptions of one rule with one reason: `[from, to]` under server/src/. */
const known = (rule: string, why: string, pairs: [string, string][]): KnownException[] =>
  pairs.map(([from, to]) => ({ rule, from: `server/src/${from}`, to: `server/src/${to}`, why }));

export const KNOWN_EXCEPTIONS: KnownException[] = [
  ...known(
    'no-foreign-table-reads',
    'the join path and every room request: who someone is in a session (their registration, the session, its community) is read in one query with the room’s own rows (server/src/room/join-queries.test.ts and snapshot.test.ts count them)',
    [
      ['room/join-queries.ts', 'communities/schema.ts'],
      ['room/join-queries.ts', 'registrations/schema.ts'],
      ['room/join-queries.ts', 'sessions/schema.ts'],
      ['room/join.ts', 'registrations/schema.ts'],
      ['room/join.ts', 'sessions/schema.ts'],
      ['room/caller.ts', 'registrations/schema.ts'],
      ['room/admittance.ts', 'registrations/schema.ts'],
      ['room/admittance.ts', 'sessions/schema.ts'],
      ['room/standing.ts', 'sessions/schema.ts'],
    ],
  ),
  ...known(
    'no-foreign-table-reads',
    'columns of Q&A and reactions live in session_rooms (qa_mode, anonymous_questions, answering_question_id, reaction_totals): read with the room’s row under its lock; they go with a migration of their own',
    [
      ['qa/answering.ts', 'room/schema.ts'],
      ['qa/room-part.ts', 'room/schema.ts'],
      ['reactions/counts.ts', 'room/schema.ts'],
    ],
  ),
  ...known(
    'no-foreign-table-reads',
    'better-auth’s adapter is given its rate-limit table, declared with ours in http/',
    [['accounts/auth.ts', 'http/schema.ts']],
  ),
  ...known(
    'no-foreign-table-reads',
    'to be removed: reads of accounts’ users (organizers by email, who invited) through accounts’ functions',
    [
      ['communities/service.ts', 'accounts/schema.ts'],
      ['communities/invitations.ts', 'accounts/schema.ts'],
    ],
  ),
  ...known(
    'no-foreign-table-reads',
    'registering takes the session row’s lock (select … for update) in the registration’s own transaction, so racing registrations get seats in arrival order; the personal page reads the session with its community in one join',
    [
      ['registrations/service.ts', 'communities/schema.ts'],
      ['registrations/service.ts', 'sessions/schema.ts'],
    ],
  ),
  ...known(
    'no-foreign-table-reads',
    'to be removed: a series inserts its sessions (and their copies of its default people) in the transaction that creates it, and lists them; sessions/ should give a batch insert taking the transaction',
    [['series/service.ts', 'sessions/schema.ts']],
  ),
  ...known(
    'no-foreign-table-reads',
    'to be removed: certificates and recordings read sessions, registrations, series and communities (and the ended time of rooms) directly; recordings should ask sessions/, series/ and communities/ for a session’s settings and retention',
    [
      ['certificates/document.ts', 'communities/schema.ts'],
      ['certificates/document.ts', 'series/schema.ts'],
      ['certificates/document.ts', 'sessions/schema.ts'],
      ['certificates/eligibility.ts', 'room/schema.ts'],
      ['certificates/eligibility.ts', 'sessions/schema.ts'],
      ['certificates/issue.ts', 'registrations/schema.ts'],
      ['certificates/issue.ts', 'sessions/schema.ts'],
      ['certificates/mail.ts', 'registrations/schema.ts'],
      ['certificates/mail.ts', 'sessions/schema.ts'],
      ['certificates/programs.ts', 'sessions/schema.ts'],
      ['certificates/service.ts', 'registrations/schema.ts'],
      ['certificates/service.ts', 'sessions/schema.ts'],
      ['recordings/room-state.ts', 'series/schema.ts'],
      ['recordings/replay.ts', 'sessions/schema.ts'],
      ['recordings/retention.ts', 'communities/schema.ts'],
      ['recordings/retention.ts', 'sessions/schema.ts'],
      ['recordings/service.ts', 'communities/schema.ts'],
      ['recordings/service.ts', 'series/schema.ts'],
      ['recordings/service.ts', 'sessions/schema.ts'],
      ['attendance/series-analytics.ts', 'sessions/schema.ts'],
    ],
  ),
  ...(['accounts', 'http', 'livekit', 'notifications'] as const).flatMap((owner) =>
    known(
      'no-foreign-table-reads',
      'to be removed: the retention sweep deletes old rows of each owner’s table; each owner should give its own sweep (its test calls the handler as it is)',
      [['jobs/retention.ts', `${owner}/schema.ts`]],
    ),
  ),
  ...known('platform-knows-no-capability', 'to be removed with the retention sweeps (above)', [
    ['jobs/retention.ts', 'accounts/schema.ts'],
  ]),
  ...known('platform-layers-jobs', 'to be removed with the retention sweeps (above)', [
    ['jobs/retention.ts', 'livekit/schema.ts'],
    ['jobs/retention.ts', 'notifications/schema.ts'],
  ]),
  ...known(
    'base-imports-nothing-of-ours',
    'to be removed: config.ts checks DATA_DIR against the data-folder lock’s limits, the logger leaves query values out with db/errors.ts’ helpers; both helpers belong in the base',
    [
      ['config.ts', 'db/data-dir-lock.ts'],
      ['logger.ts', 'db/errors.ts'],
    ],
  ),
];

/** A cycle between capability folders the map knows of (docs/capabilities.md#to-be-removed), and why it stays for now. */
export interface KnownCycle {
  folders: string[];
  why: string;
}

export const KNOWN_CYCLES: KnownCycle[] = [];
