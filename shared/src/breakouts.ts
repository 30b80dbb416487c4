import { z } from 'zod';
import {
  BREAKOUT_ASSIGNMENTS,
  BREAKOUT_END_REASONS,
  BREAKOUT_HELP_NOTE_MAX_LENGTH,
  BREAKOUT_MAIN_STAGE,
  BREAKOUT_MESSAGE_MAX_LENGTH,
  BREAKOUT_STATUSES,
  BREAKOUT_TABLE_NAME_MAX_LENGTH,
  BREAKOUT_TABLE_TOPIC_MAX_LENGTH,
  MAX_BREAKOUT_EXTEND_MINUTES,
  MAX_BREAKOUT_MINUTES,
  MAX_BREAKOUT_TABLE_SIZE,
  MAX_BREAKOUT_TABLES,
  MIN_BREAKOUT_MINUTES,
  MIN_BREAKOUT_TABLE_SIZE,
  MIN_BREAKOUT_TABLES,
} from './breakouts-values.ts';
import { authorSchema, eventEnvelope as envelope } from './events.ts';

export * from './breakouts-values.ts';

/**
 * Breakout tables (docs/breakouts.md): small groups during a live session. Each table is its own
 * LiveKit room; people move by re-joining with a token the server mints for that room
 * (`POST …/breakouts/connect`). The state lives in the database with the room's versioned
 * events, on the topic `breakout`.
 */

const instant = z.iso.datetime();
const tableId = z.string().uuid();
const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** A table as everyone sees it. `name` null: the client shows "Table <number>" in its language. */
export const breakoutTableSchema = z
  .object({
    id: tableId,
    /** 1 … N, the table's place in the list. */
    number: z.number().int().min(1),
    name: z.string().nullable(),
    topic: z.string().nullable(),
    /** Participants placed at it (the team visiting is not counted). */
    count: z.number().int().min(0),
  })
  .meta({ id: 'BreakoutTable' });
export type BreakoutTable = z.infer<typeof breakoutTableSchema>;

/** Where one person is placed: a table, or null for the main room. */
export const breakoutPlacementSchema = z
  .object({ identity: z.string(), tableId: tableId.nullable() })
  .meta({ id: 'BreakoutPlacement' });
export type BreakoutPlacement = z.infer<typeof breakoutPlacementSchema>;

/** A call for help from a table, shown to the team until someone of the team visits that table. */
export const breakoutHelpSchema = z
  .object({
    id: z.string().uuid(),
    tableId,
    identity: z.string(),
    name: z.string(),
    note: z.string().nullable(),
    askedAt: instant,
  })
  .meta({ id: 'BreakoutHelp' });
export type BreakoutHelp = z.infer<typeof breakoutHelpSchema>;

/**
 * The breakout state of a room as one caller sees it (the snapshot's `breakouts`, and the answer
 * of every breakout endpoint). Participants see the tables and their own place; the team also
 * sees everyone's place (with names) and the calls for help.
 */
export const breakoutStateSchema = z
  .object({
    id: z.string().uuid(),
    status: z.enum(BREAKOUT_STATUSES),
    assignment: z.enum(BREAKOUT_ASSIGNMENTS),
    sizeLimit: z.number().int(),
    mainStage: z.enum(BREAKOUT_MAIN_STAGE),
    openedAt: instant,
    /** When everyone is brought back: the countdown every table shows. */
    endsAt: instant,
    /** Set when the warning went out (one minute before `endsAt`). */
    warnedAt: instant.nullable(),
    endedAt: instant.nullable(),
    tables: z.array(breakoutTableSchema),
    /** The caller's own table; null: the main room (not placed, or not a participant). */
    myTableId: tableId.nullable(),
    /** Team only (empty for participants): every placed participant, with the name to show. */
    placements: z.array(breakoutPlacementSchema.extend({ name: z.string() })),
    /** Team only (empty for participants). */
    help: z.array(breakoutHelpSchema),
  })
  .meta({ id: 'BreakoutState' });
export type BreakoutState = z.infer<typeof breakoutStateSchema>;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export const breakoutTableDraftSchema = z
  .object({
    name: trimmed(BREAKOUT_TABLE_NAME_MAX_LENGTH).optional(),
    topic: trimmed(BREAKOUT_TABLE_TOPIC_MAX_LENGTH).optional(),
  })
  .strict()
  .meta({ id: 'BreakoutTableDraft' });

/**
 * Opens tables (moderators; the session must be live and no tables open). `random` places every
 * admitted participant connected to the main room now, spread evenly, as far as the size limit
 * allows (the rest stay in the main room, for a moderator to place); `manual` places the ones in
 * `placements` (a moderator places the others later); `choose` places nobody: participants pick.
 */
export const openBreakoutsRequestSchema = z
  .object({
    count: z.number().int().min(MIN_BREAKOUT_TABLES).max(MAX_BREAKOUT_TABLES),
    minutes: z.number().int().min(MIN_BREAKOUT_MINUTES).max(MAX_BREAKOUT_MINUTES),
    assignment: z.enum(BREAKOUT_ASSIGNMENTS),
    sizeLimit: z.number().int().min(MIN_BREAKOUT_TABLE_SIZE).max(MAX_BREAKOUT_TABLE_SIZE),
    mainStage: z.enum(BREAKOUT_MAIN_STAGE).default('running'),
    /** Names and topics by table, first to last (fewer than `count`: the rest have none). */
    tables: z.array(breakoutTableDraftSchema).max(MAX_BREAKOUT_TABLES).optional(),
    /** `manual` only: who sits where at the start, by table number (1 … count). */
    placements: z
      .array(
        z.object({ identity: z.string().max(100), table: z.number().int().min(1).max(MAX_BREAKOUT_TABLES) }).strict(),
      )
      .max(MAX_BREAKOUT_TABLES * MAX_BREAKOUT_TABLE_SIZE)
      .optional(),
  })
  .strict()
  .meta({ id: 'OpenBreakoutsRequest' });
export type OpenBreakoutsRequest = z.input<typeof openBreakoutsRequestSchema>;

/** Places one participant at a table, or back in the main room (`null`), whatever the assignment (moderators). */
export const placeBreakoutRequestSchema = z
  .object({ tableId: tableId.nullable() })
  .strict()
  .meta({ id: 'PlaceBreakoutRequest' });
export type PlaceBreakoutRequest = z.infer<typeof placeBreakoutRequestSchema>;

/** A participant picks a table (`choose` only; a full table answers 409), or leaves it (`null`). */
export const chooseBreakoutRequestSchema = z
  .object({ tableId: tableId.nullable() })
  .strict()
  .meta({ id: 'ChooseBreakoutRequest' });
export type ChooseBreakoutRequest = z.infer<typeof chooseBreakoutRequestSchema>;

export const extendBreakoutsRequestSchema = z
  .object({ minutes: z.number().int().min(1).max(MAX_BREAKOUT_EXTEND_MINUTES) })
  .strict()
  .meta({ id: 'ExtendBreakoutsRequest' });
export type ExtendBreakoutsRequest = z.infer<typeof extendBreakoutsRequestSchema>;

export const broadcastBreakoutsRequestSchema = z
  .object({ message: trimmed(BREAKOUT_MESSAGE_MAX_LENGTH) })
  .strict()
  .meta({ id: 'BroadcastBreakoutsRequest' });
export type BroadcastBreakoutsRequest = z.infer<typeof broadcastBreakoutsRequestSchema>;

export const askBreakoutHelpRequestSchema = z
  .object({ note: trimmed(BREAKOUT_HELP_NOTE_MAX_LENGTH).optional() })
  .strict()
  .meta({ id: 'AskBreakoutHelpRequest' });
export type AskBreakoutHelpRequest = z.infer<typeof askBreakoutHelpRequestSchema>;

/**
 * Where to connect now: a table (`tableId`) or the main room (`null`). A participant gets only
 * their own table; the team any table (a visit) and the main room.
 */
export const breakoutConnectRequestSchema = z
  .object({ tableId: tableId.nullable() })
  .strict()
  .meta({ id: 'BreakoutConnectRequest' });
export type BreakoutConnectRequest = z.infer<typeof breakoutConnectRequestSchema>;

/**
 * A LiveKit connection: URL, a short-lived token for one identity in one room, and which room.
 * In a table everyone placed there publishes camera and microphone; in the main room the grants
 * are the join's (stage for the audience, backstage for the team before the session is live).
 */
export const breakoutConnectionSchema = z
  .object({
    url: z.string(),
    token: z.string(),
    room: z.enum(['stage', 'backstage', 'table']),
    tableId: tableId.nullable(),
    expiresAt: instant,
  })
  .meta({ id: 'BreakoutConnection' });
export type BreakoutConnection = z.infer<typeof breakoutConnectionSchema>;

// ---------------------------------------------------------------------------------------------
// Realtime events on the topic `breakout`, in the session's sequence (sent to the main room, the
// backstage and every open table's room), and the direct `breakout.help` to the team.
// ---------------------------------------------------------------------------------------------

/** Tables as an event announces them (without counts: placements say who is where). */
const announcedTableSchema = breakoutTableSchema.omit({ count: true });

export const breakoutEventSchema = z.discriminatedUnion('type', [
  /** Tables opened; `breakout.placed` events follow with who sits where. */
  envelope(
    'breakout.opened',
    z.object({
      id: z.string().uuid(),
      assignment: z.enum(BREAKOUT_ASSIGNMENTS),
      sizeLimit: z.number().int(),
      mainStage: z.enum(BREAKOUT_MAIN_STAGE),
      openedAt: instant,
      endsAt: instant,
      tables: z.array(announcedTableSchema),
    }),
  ),
  /**
   * People placed or moved (at most 100 per event; a big opening sends several). A client whose
   * identity is in it with another table connects there (`tableId` null: back to the main room).
   */
  envelope('breakout.placed', z.object({ id: z.string().uuid(), placements: z.array(breakoutPlacementSchema) })),
  envelope('breakout.extended', z.object({ id: z.string().uuid(), endsAt: instant })),
  /** One minute left: every table shows it. */
  envelope('breakout.warning', z.object({ id: z.string().uuid(), endsAt: instant })),
  /** A moderator's message to every table. */
  envelope('breakout.message', z.object({ id: z.string().uuid(), from: authorSchema, message: z.string() })),
  /**
   * Tables closed: every client goes back to the main room by itself (connect with `tableId: null`)
   * with its microphone muted. The table rooms close `BREAKOUT_ROOM_GRACE_SECONDS` later.
   */
  envelope(
    'breakout.ended',
    z.object({ id: z.string().uuid(), reason: z.enum(BREAKOUT_END_REASONS), endedAt: instant }),
  ),
]);
export type BreakoutEvent = z.infer<typeof breakoutEventSchema>;

/** Direct to the team (outside the sequence, an upsert by its id). */
export const breakoutHelpEventSchema = envelope('breakout.help', breakoutHelpSchema);
export type BreakoutHelpEvent = z.infer<typeof breakoutHelpEventSchema>;
