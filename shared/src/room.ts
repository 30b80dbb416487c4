import { z } from 'zod';
import { type BreakoutEvent, breakoutEventSchema, breakoutHelpEventSchema, breakoutStateSchema } from './breakouts.ts';
import { type ChatEvent, chatEventSchema, chatStateSchema, MAX_CHAT_SLOW_MODE_SECONDS } from './chat.ts';
import { eventEnvelope as envelope } from './events.ts';
import { liveStreamEventSchema, liveStreamSchema } from './live-stream.ts';
import { materialEventSchema, pinnedMaterialSchema } from './materials.ts';
import { type PollEvent, pollCountsSchema, pollEventSchema, pollSchema, pollsStateSchema } from './polls.ts';
import { ANONYMOUS_QUESTIONS, QA_MODES, type QaEvent, qaEventSchema, qaStateSchema, questionSchema } from './qa.ts';
import { type ReactionEvent, reactionEventSchema } from './reactions.ts';
import { recordingEventSchema, roomRecordingSchema } from './recordings.ts';
import { joinSecretSchema } from './registrations.ts';
import { ADMISSIONS, MAX_STAGE_GUEST_LIMIT, MUTABLE_SOURCES, ROOM_ROLES, STAGE_STATES } from './room-values.ts';
import { SESSION_STATUSES, SESSION_VISIBILITIES } from './sessions.ts';
import { plannedInstantSchema } from './time-schemas.ts';

export * from './room-values.ts';

/**
 * The live room: who is in it, the stage, the hand queue, moderation, and the realtime events
 * that carry changes to every client (server-authoritative state, LiveKit fan-out:
 * docs/architecture.md#realtime-events).
 */

/**
 * A LiveKit identity, minted by the server: `r_<registration id>` for registrants,
 * `u_<user id>` for signed-in people without a registration (team, lobby).
 */
export const roomIdentitySchema = z
  .string()
  .regex(/^[ru]_[A-Za-z0-9_-]{1,80}$/, 'validation.roomIdentity')
  .meta({ example: 'r_5b0c6f0e-3c1a-4f0e-9a51-2f7c1d2e9b11' });

const instant = z.iso.datetime();

export const handSchema = z
  .object({ identity: z.string(), name: z.string(), raisedAt: instant })
  .meta({ id: 'RaisedHand' });
export type Hand = z.infer<typeof handSchema>;

/** An audience member invited to the stage or on it. */
export const stageGuestSchema = z
  .object({
    identity: z.string(),
    name: z.string(),
    state: z.enum(['invited', 'on_stage']),
    since: instant,
  })
  .meta({ id: 'StageGuest' });
export type StageGuest = z.infer<typeof stageGuestSchema>;

export const lobbyEntrySchema = z
  .object({ identity: z.string(), name: z.string(), requestedAt: instant })
  .meta({ id: 'LobbyEntry' });
export type LobbyEntry = z.infer<typeof lobbyEntrySchema>;

export const roomSettingsSchema = z
  .object({
    /** When the audience may enter the room and see the waiting screen turn into the stage. */
    doorsOpenAt: instant,
    /** Nobody new may join (people already in may come back). */
    locked: z.boolean(),
    stageGuestLimit: z.number().int(),
    /** Questions appear at once (`open`) or after a moderator approves them (`reviewed`). */
    qaMode: z.enum(QA_MODES),
    anonymousQuestions: z.enum(ANONYMOUS_QUESTIONS),
    chatClosed: z.boolean(),
    /** 0: off; otherwise each participant may send one message per this many seconds. */
    chatSlowModeSeconds: z.number().int(),
  })
  .meta({ id: 'RoomSettings' });
export type RoomSettings = z.infer<typeof roomSettingsSchema>;

export const updateRoomSettingsRequestSchema = z
  .object({
    /** Near the session's start (doorsOpenWindow), which the service checks. */
    doorsOpenAt: plannedInstantSchema,
    locked: z.boolean(),
    stageGuestLimit: z.number().int().min(0).max(MAX_STAGE_GUEST_LIMIT),
    qaMode: z.enum(QA_MODES),
    anonymousQuestions: z.enum(ANONYMOUS_QUESTIONS),
    chatClosed: z.boolean(),
    chatSlowModeSeconds: z.number().int().min(0).max(MAX_CHAT_SLOW_MODE_SECONDS),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateRoomSettingsRequest' });
export type UpdateRoomSettingsRequest = z.infer<typeof updateRoomSettingsRequestSchema>;

export const roomMeSchema = z
  .object({
    identity: z.string(),
    name: z.string(),
    role: z.enum(ROOM_ROLES),
    stage: z.enum(STAGE_STATES),
    handRaisedAt: instant.nullable(),
    admission: z.enum(ADMISSIONS),
  })
  .meta({ id: 'RoomMe' });
export type RoomMe = z.infer<typeof roomMeSchema>;

/** The session as the room shows it in its header: what anyone at the door may see. */
export const roomSessionSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    status: z.enum(SESSION_STATUSES),
    visibility: z.enum(SESSION_VISIBILITIES),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.string(),
    liveAt: instant.nullable(),
    endedAt: instant.nullable(),
    community: z.object({ slug: z.string(), name: z.string() }),
  })
  .meta({ id: 'RoomSession' });
export type RoomSession = z.infer<typeof roomSessionSchema>;

/**
 * Everything a client needs to draw the room, as of `version`, for someone let in. Clients
 * fetch it when they join, reconnect, or see a gap in event versions, then apply events with a
 * higher version.
 */
export const roomSnapshotSchema = z
  .object({
    view: z.literal('room'),
    version: z.number().int(),
    session: roomSessionSchema,
    settings: roomSettingsSchema,
    me: roomMeSchema,
    /** People connected to the stage room (the audience counted from LiveKit's webhooks). */
    presence: z.object({ connected: z.number().int() }),
    /** In the order hands went up. */
    hands: z.array(handSchema),
    guests: z.array(stageGuestSchema),
    /** Moderators only; empty for everyone else. */
    lobby: z.array(lobbyEntrySchema),
    qa: qaStateSchema,
    chat: chatStateSchema,
    polls: pollsStateSchema,
    /** The recording running now, shown to everyone; null when nothing is being recorded. */
    recording: roomRecordingSchema.nullable(),
    /**
     * The session is or may be recorded (a recording runs, or it records by itself when live):
     * the consent notice people see before they enter.
     */
    recordingNotice: z.boolean(),
    /** The file a moderator pinned ("Materials available"); null when none is. */
    pinnedMaterial: pinnedMaterialSchema.nullable(),
    /** The live stream to an RTMP server: moderators only, null for everyone else. */
    liveStream: liveStreamSchema.nullable(),
    /** The breakout tables open now (or just ended, until their rooms close); null when there are none. */
    breakouts: breakoutStateSchema.nullable(),
  })
  .meta({ id: 'RoomSnapshot' });
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;

/** Where someone not let in stands: waiting for a moderator, or turned away. */
export const LOBBY_ADMISSIONS = ['pending', 'denied'] as const;

/**
 * The room as someone waiting in a private session's lobby (or turned away) sees it: the
 * session and their own standing, nothing of what happens inside (no chat, questions, polls,
 * hands, guests or head count).
 */
export const lobbySnapshotSchema = z
  .object({
    view: z.literal('lobby'),
    session: roomSessionSchema,
    me: z.object({ identity: z.string(), name: z.string(), admission: z.enum(LOBBY_ADMISSIONS) }),
  })
  .meta({ id: 'LobbySnapshot' });
export type LobbySnapshot = z.infer<typeof lobbySnapshotSchema>;

/** What the room answers the holder of a ticket: the room if they were let in, else the lobby. */
export const roomOrLobbySnapshotSchema = z
  .discriminatedUnion('view', [roomSnapshotSchema, lobbySnapshotSchema])
  .meta({ id: 'RoomOrLobbySnapshot' });
export type RoomOrLobbySnapshot = z.infer<typeof roomOrLobbySnapshotSchema>;

export const joinRoomRequestSchema = z
  .object({
    /** The secret of a registrant's personal join link; signed-in people need none. */
    joinSecret: joinSecretSchema.optional(),
  })
  .strict()
  .meta({ id: 'JoinRoomRequest' });
export type JoinRoomRequest = z.infer<typeof joinRoomRequestSchema>;

/** A personal link's way in without naming the session: the link names it. */
export const joinRoomByLinkRequestSchema = z
  .object({ joinSecret: joinSecretSchema })
  .strict()
  .meta({ id: 'JoinRoomByLinkRequest' });
export type JoinRoomByLinkRequest = z.infer<typeof joinRoomByLinkRequestSchema>;

export const LIVEKIT_ROOM_KINDS = ['stage', 'backstage'] as const;
export type LiveKitRoomKind = (typeof LIVEKIT_ROOM_KINDS)[number];

export const joinRoomResultSchema = z
  .object({
    /**
     * Bearer credential for the room's other endpoints: names this identity in this session,
     * short-lived (join again to renew).
     */
    ticket: z.string(),
    ticketExpiresAt: instant,
    snapshot: roomOrLobbySnapshotSchema,
    /**
     * Where to connect: null while the doors are closed, while waiting in the lobby, and
     * after the session ended. Team members get the backstage before the session is live.
     */
    livekit: z
      .object({ url: z.string(), token: z.string(), room: z.enum(LIVEKIT_ROOM_KINDS), expiresAt: instant })
      .nullable(),
  })
  .meta({ id: 'JoinRoomResult' });
export type JoinRoomResult = z.infer<typeof joinRoomResultSchema>;

export const raiseHandRequestSchema = z.object({ raised: z.boolean() }).strict().meta({ id: 'RaiseHandRequest' });
export const stageAnswerRequestSchema = z.object({ accept: z.boolean() }).strict().meta({ id: 'StageAnswerRequest' });
export const muteRequestSchema = z
  .object({ source: z.enum(MUTABLE_SOURCES) })
  .strict()
  .meta({ id: 'MuteRequest' });

export const roomParticipantSchema = z
  .object({
    identity: z.string(),
    name: z.string(),
    role: z.enum(ROOM_ROLES),
    connected: z.boolean(),
    stage: z.enum(STAGE_STATES),
    handRaisedAt: instant.nullable(),
    firstJoinedAt: instant.nullable(),
    banned: z.boolean(),
  })
  .meta({ id: 'RoomParticipant' });
export type RoomParticipant = z.infer<typeof roomParticipantSchema>;

export const participantSearchSchema = z.object({
  q: z.string().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const participantPageSchema = z
  .object({
    /** Everyone matching (connected first), of whom `participants` is the first page. */
    total: z.number().int(),
    participants: z.array(roomParticipantSchema),
  })
  .meta({ id: 'RoomParticipantPage' });
export type ParticipantPage = z.infer<typeof participantPageSchema>;

export const AUDIT_ACTIONS = [
  'go_live',
  'end',
  'settings',
  'invite',
  'remove_from_stage',
  'mute',
  'remove',
  'ban',
  'unban',
  'lower_hand',
  'admit',
  'deny',
  'question_dismiss',
  'question_merge',
  'question_edit',
  'chat_delete',
  'recording_start',
  'recording_stop',
  'material_pin',
  'material_unpin',
  'whip_key_issue',
  'whip_key_revoke',
  'stream_start',
  'stream_stop',
  'stream_live',
  'stream_failed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: instant,
    action: z.enum(AUDIT_ACTIONS),
    actor: z.object({ identity: z.string(), name: z.string() }),
    target: z.object({ identity: z.string(), name: z.string() }).nullable(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

// ---------------------------------------------------------------------------------------------
// Realtime events, `{ v, type, at, data }`, one union per topic (docs/architecture.md#the-catalogue).
// `v` is the session's sequence, shared by all topics, so a client sees any gap.
// ---------------------------------------------------------------------------------------------

export const sessionEventSchema = z.discriminatedUnion('type', [
  envelope(
    'session.status',
    z.object({ status: z.enum(SESSION_STATUSES), liveAt: instant.nullable(), endedAt: instant.nullable() }),
  ),
  envelope('session.settings', roomSettingsSchema),
  envelope('session.presence', z.object({ connected: z.number().int() })),
  ...recordingEventSchema.options,
  ...materialEventSchema.options,
]);
export type SessionEvent = z.infer<typeof sessionEventSchema>;

export const stageEventSchema = z.discriminatedUnion('type', [
  envelope('hand.raised', handSchema),
  envelope('hand.lowered', z.object({ identity: z.string() })),
  envelope('stage.invited', z.object({ identity: z.string(), name: z.string(), since: instant })),
  envelope('stage.joined', z.object({ identity: z.string(), name: z.string(), since: instant })),
  envelope(
    'stage.left',
    z.object({ identity: z.string(), reason: z.enum(['declined', 'left', 'removed', 'disconnected']) }),
  ),
  envelope('participant.muted', z.object({ identity: z.string(), source: z.enum(MUTABLE_SOURCES) })),
  envelope('participant.removed', z.object({ identity: z.string(), banned: z.boolean() })),
  envelope('lobby.requested', lobbyEntrySchema),
  envelope('lobby.decided', z.object({ identity: z.string(), admitted: z.boolean() })),
]);
export type StageEvent = z.infer<typeof stageEventSchema>;

/** Topic → the union of events sent on it. */
export const roomTopics = {
  session: sessionEventSchema,
  stage: stageEventSchema,
  qa: qaEventSchema,
  chat: chatEventSchema,
  poll: pollEventSchema,
  reaction: reactionEventSchema,
  breakout: breakoutEventSchema,
} as const;
export type RoomTopic = keyof typeof roomTopics;
export type RoomEvent = SessionEvent | StageEvent | QaEvent | ChatEvent | PollEvent | ReactionEvent | BreakoutEvent;
export type RoomEventType = RoomEvent['type'];

const TOPIC_PREFIXES: [string, RoomTopic][] = [
  ['session.', 'session'],
  ['qa.', 'qa'],
  ['chat.', 'chat'],
  ['poll.', 'poll'],
  ['reaction.', 'reaction'],
  ['breakout.', 'breakout'],
];

/** Which topic an event type travels on. */
export function topicOf(type: RoomEventType): RoomTopic {
  return TOPIC_PREFIXES.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'stage';
}

const isRoomTopic = (topic: string | undefined): topic is RoomTopic =>
  topic !== undefined && Object.hasOwn(roomTopics, topic);

/** Parses a data packet received on `topic`; null for a topic or shape this client does not know. */
export function parseRoomEvent(topic: string | undefined, payload: unknown): RoomEvent | null {
  if (!isRoomTopic(topic)) return null;
  const parsed = roomTopics[topic].safeParse(payload);
  return parsed.success ? (parsed.data as RoomEvent) : null;
}

/**
 * Events addressed to some people only (moderators, a question's asker), on the topic `direct`.
 * They are not in the session's sequence (the others would see a gap): each carries a whole
 * object with its `rev`, is applied as an upsert in any order, and `v` is the session's version
 * when it was sent. A snapshot after a reconnect includes everything they said.
 */
export const DIRECT_TOPIC = 'direct';
export const directEventSchema = z.discriminatedUnion('type', [
  envelope('qa.question', questionSchema),
  envelope('poll.updated', pollSchema),
  envelope('poll.removed', z.object({ id: z.string() })),
  envelope('poll.votes', pollCountsSchema),
  liveStreamEventSchema,
  breakoutHelpEventSchema,
]);
export type DirectEvent = z.infer<typeof directEventSchema>;
export type DirectEventType = DirectEvent['type'];

export function parseDirectEvent(topic: string | undefined, payload: unknown): DirectEvent | null {
  if (topic !== DIRECT_TOPIC) return null;
  const parsed = directEventSchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}
