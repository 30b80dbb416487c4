import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, anOrganizer, aSession } from '../../../test/support/factories.ts';
import { countQueries } from '../../../test/support/query-count.ts';
import { chatMessages } from '../chat/schema.ts';
import { liveRoomParts } from '../compose.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { pollOptions, polls, pollVotes } from '../polls/schema.ts';
import { questions, questionVotes } from '../qa/schema.ts';
import { recordings } from '../recordings/schema.ts';
import { series } from '../series/schema.ts';
import { type SessionRow, sessions } from '../sessions/schema.ts';
import { createCrowdViews } from './crowd-view.ts';
import { type RoomParticipantRow, roomParticipants } from './schema.ts';
import { findRoom, roomSnapshot } from './snapshot.ts';

/**
 * Joins are the hot path (bench/room.bench.ts): what the audience sees alike is read once per
 * session version, so a join after the first reads only the caller's own. These counts are the
 * join path's budget: a change that reads more per join fails here, before any benchmark.
 */
describe.each(['pglite', 'postgres'] as const)('the queries a room snapshot costs, on %s', (engine) => {
  let database: DatabaseHandle;
  let session: SessionRow;
  let moderator: RoomParticipantRow;
  let audience: RoomParticipantRow[];
  let counter: ReturnType<typeof countQueries>;

  beforeAll(async () => {
    database = await aDatabase(engine);
    const { db } = database;
    const owner = await anOrganizer(db);
    session = await aSession(db, await aCommunity(db, owner.id));
    const person = (identity: string, role: RoomParticipantRow['role']) => ({
      sessionId: session.id,
      identity,
      name: identity,
      email: `${identity}@example.id`,
      role,
    });
    const rows = await db
      .insert(roomParticipants)
      .values([person('u_moderator', 'moderator'), person('r_1', 'participant'), person('r_2', 'participant')])
      .returning();
    [moderator, ...audience] = rows as [RoomParticipantRow, ...RoomParticipantRow[]];
    const at = new Date();
    const [question] = await db
      .insert(questions)
      .values({
        sessionId: session.id,
        authorIdentity: 'r_1',
        authorName: 'r_1',
        text: 'Apa itu?',
        status: 'open',
        createdAt: at,
      })
      .returning();
    if (!question) throw new Error('no question');
    await db.insert(questionVotes).values({ questionId: question.id, identity: 'r_2', sessionId: session.id, at });
    const [poll] = await db
      .insert(polls)
      .values({
        sessionId: session.id,
        question: 'Mana?',
        kind: 'single',
        status: 'open',
        createdBy: 'u_moderator',
        createdAt: at,
      })
      .returning();
    if (!poll) throw new Error('no poll');
    const [option] = await db.insert(pollOptions).values({ pollId: poll.id, position: 0, text: 'Ini' }).returning();
    if (!option) throw new Error('no option');
    await db
      .insert(pollVotes)
      .values({ pollId: poll.id, identity: 'r_2', sessionId: session.id, optionIds: [option.id], at });
    await db.insert(chatMessages).values({
      sessionId: session.id,
      authorIdentity: 'r_1',
      authorName: 'r_1',
      authorRole: 'participant',
      text: 'Halo',
      createdAt: at,
    });
    counter = countQueries(db);
  });

  afterAll(() => database?.close());

  const queriesOf = (read: () => Promise<unknown>) => counter.of(read);

  it('gives each audience member their own votes and ballots, read in one query with the rest of their own', async () => {
    const { db } = database;
    const deps = { db, parts: liveRoomParts(db), crowds: createCrowdViews(db) };
    const [asker, voter] = audience as [RoomParticipantRow, RoomParticipantRow];
    const [question] = await db.select().from(questions);
    const [ballot] = await db.select().from(pollVotes);

    const seenByVoter = await roomSnapshot(deps, session, voter);
    const seenByAsker = await roomSnapshot(deps, session, asker);

    if (seenByVoter.view !== 'room' || seenByAsker.view !== 'room') throw new Error('not in the room');
    expect(seenByVoter.qa.myVotes).toEqual([question?.id]);
    expect(seenByVoter.polls.myVotes).toEqual({ [ballot?.pollId as string]: ballot?.optionIds });
    expect(seenByAsker.qa).toMatchObject({ myVotes: [], mine: [question?.id] });
    expect(seenByAsker.polls.myVotes).toEqual({});
  });

  it('reads what the audience sees alike once per version, and then only the caller’s own', async () => {
    const { db } = database;
    const deps = { db, parts: liveRoomParts(db), crowds: createCrowdViews(db) };
    const room = await findRoom(db, session.id);
    const community = { slug: 'komunitas', name: 'Komunitas' };
    const [first, second] = audience as [RoomParticipantRow, RoomParticipantRow];

    const firstJoin = await queriesOf(() => roomSnapshot(deps, session, first, { room, community }));
    const nextJoin = await queriesOf(() => roomSnapshot(deps, session, second, { room, community }));
    const moderatorJoin = await queriesOf(() => roomSnapshot(deps, session, moderator, { room, community }));

    // A moderator reads each part themselves (the pinned material is the eighth, the live stream's
    // row, the team's alone, the ninth, the breakout tables the tenth); the audience's alike parts
    // come in one read each (the breakout tables' included), then only the caller's own.
    expect({ firstJoin, nextJoin, moderatorJoin }).toEqual({ firstJoin: 8, nextJoin: 1, moderatorJoin: 10 });
  });

  it('reads for each audience member what no version covers: their questions in review, the recording, the series’ recording rule', async () => {
    const { db } = database;
    const deps = { db, parts: liveRoomParts(db), crowds: createCrowdViews(db) };
    const [asker] = audience as [RoomParticipantRow, RoomParticipantRow];
    const [inSeries] = await db
      .insert(series)
      .values({
        communityId: session.communityId,
        title: 'Sharing Online',
        timeZone: 'Asia/Makassar',
        startTime: '20:00',
        rule: { kind: 'weekly' },
        durationMinutes: 90,
      })
      .returning();
    if (!inSeries) throw new Error('no series');
    const [seriesSession] = await db
      .update(sessions)
      .set({ seriesId: inSeries.id })
      .where(eq(sessions.id, session.id))
      .returning();
    if (!seriesSession) throw new Error('no session');
    const room = await findRoom(db, session.id);
    const seen = async () => {
      const snapshot = await roomSnapshot(deps, seriesSession, asker, { room });
      if (snapshot.view !== 'room') throw new Error('not in the room');
      return snapshot;
    };
    expect(await seen()).toMatchObject({ recording: null, recordingNotice: false });

    // None of these announces a change to the audience: the room's version stays where it was.
    await db.update(series).set({ autoRecord: true }).where(eq(series.id, inSeries.id));
    expect(await seen()).toMatchObject({ recording: null, recordingNotice: true });
    const mediaStartedAt = new Date('2026-12-06T12:00:01.234Z');
    const [recording] = await db
      .insert(recordings)
      .values({
        sessionId: session.id,
        part: 1,
        status: 'recording',
        backend: 'builtin',
        startedAt: new Date('2026-12-06T12:00:00.5Z'),
        mediaStartedAt,
        sizeBytes: 2 ** 40,
      })
      .returning();
    const [inReview] = await db
      .insert(questions)
      .values({
        sessionId: session.id,
        authorIdentity: asker.identity,
        authorName: asker.name,
        text: 'Boleh tanya soal ongkir?',
        status: 'pending',
        createdAt: new Date('2026-12-06T12:05:00.123456Z'),
      })
      .returning();
    await db.insert(questions).values({
      sessionId: session.id,
      authorIdentity: asker.identity,
      authorName: asker.name,
      text: 'Tidak jadi',
      status: 'withdrawn',
      createdAt: new Date(),
    });

    const now = await seen();
    expect(now).toMatchObject({
      recording: { id: recording?.id, status: 'recording', startedAt: mediaStartedAt.toISOString() },
      recordingNotice: true,
    });
    expect(now.qa.questions).toContainEqual(
      expect.objectContaining({
        id: inReview?.id,
        status: 'pending',
        text: 'Boleh tanya soal ongkir?',
        createdAt: '2026-12-06T12:05:00.123Z',
        author: { identity: asker.identity, name: asker.name },
        editedAt: null,
        votes: 0,
      }),
    );
    expect(now.qa.mine).toEqual(expect.arrayContaining([inReview?.id]));
    expect(now.qa.questions.map((q) => q.status)).not.toContain('withdrawn');
  });
});
