import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCommunity, aDatabase, anOrganizer, aSession } from '../../../test/support/factories.ts';
import { countQueries } from '../../../test/support/query-count.ts';
import { liveRoomParts } from '../compose.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { hashLinkSecret } from '../http/secret-link.ts';
import { pollOptions, polls, pollVotes } from '../polls/schema.ts';
import { questions, questionVotes } from '../qa/schema.ts';
import { recordings } from '../recordings/schema.ts';
import { registrations } from '../registrations/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { createCrowdViews } from './crowd-view.ts';
import { prepareJoinQueries } from './join-queries.ts';
import { roomParticipants } from './schema.ts';
import { findRoom, roomSnapshot } from './snapshot.ts';

/**
 * A join storm is mostly people coming in by their personal link (bench/room.bench.ts): the
 * session, its room, the link's registration, its holder's rows in the room and everything the
 * snapshot reads for them alone come in one query.
 */
describe.each(['pglite', 'postgres'] as const)('a join by personal link, on %s', (engine) => {
  let database: DatabaseHandle;
  let session: SessionRow;
  const secret = 'rahasia-pribadi-budi';
  let counter: ReturnType<typeof countQueries>;

  beforeAll(async () => {
    database = await aDatabase(engine);
    const { db } = database;
    session = await aSession(db, await aCommunity(db, (await anOrganizer(db)).id));
    const [registration] = await db
      .insert(registrations)
      .values({
        sessionId: session.id,
        name: 'Budi Santoso',
        email: 'budi@example.id',
        status: 'registered',
        joinSecretHash: hashLinkSecret(secret),
      })
      .returning();
    if (!registration) throw new Error('no registration');
    const identity = `r_${registration.id}`;
    await findRoom(db, session.id);
    await db.insert(roomParticipants).values([
      { sessionId: session.id, identity, name: 'Budi Santoso', email: 'budi@example.id', role: 'participant' },
      // The same person once signed in, and banned that way: a ban holds for the person.
      {
        sessionId: session.id,
        identity: 'u_budi',
        name: 'Budi',
        email: 'budi@example.id',
        role: 'participant',
        bannedAt: new Date('2026-12-06T12:00:00Z'),
      },
    ]);
    const at = new Date('2026-12-06T12:10:00Z');
    const [asked, voted] = await db
      .insert(questions)
      .values([
        {
          sessionId: session.id,
          authorIdentity: identity,
          authorName: 'Budi',
          text: 'Ongkir?',
          status: 'pending',
          createdAt: at,
        },
        {
          sessionId: session.id,
          authorIdentity: 'r_other',
          authorName: 'Sari',
          text: 'Stok?',
          status: 'open',
          createdAt: at,
        },
      ])
      .returning();
    if (!asked || !voted) throw new Error('no questions');
    await db.insert(questionVotes).values({ questionId: voted.id, identity, sessionId: session.id, at });
    const [poll] = await db
      .insert(polls)
      .values({
        sessionId: session.id,
        question: 'Mana?',
        kind: 'single',
        status: 'open',
        createdBy: 'u_mod',
        createdAt: at,
      })
      .returning();
    if (!poll) throw new Error('no poll');
    const [option] = await db.insert(pollOptions).values({ pollId: poll.id, position: 0, text: 'Ini' }).returning();
    if (!option) throw new Error('no option');
    await db.insert(pollVotes).values({ pollId: poll.id, identity, sessionId: session.id, optionIds: [option.id], at });
    await db
      .insert(recordings)
      .values({ sessionId: session.id, part: 1, status: 'recording', backend: 'builtin', mediaStartedAt: at });
    counter = countQueries(db);
  });

  afterAll(() => database?.close());

  it('reads the session, the link, its holder’s rows and their own part of the snapshot in one query', async () => {
    const { db } = database;
    const parts = liveRoomParts(db);
    const joins = prepareJoinQueries(db, parts.snapshot);
    const deps = { db, parts, crowds: createCrowdViews(db) };
    const join = async () => {
      const { link, room, community } = await joins.sessionByLink(session.slug, secret);
      const me = link?.rows.find((row) => row.identity === `r_${link.registration?.id}`);
      if (!me || !room) throw new Error('not recorded');
      return { link, me, snapshot: await roomSnapshot(deps, session, me, { room, community, fresh: link?.fresh }) };
    };
    // The first reads what the audience shares (people, Q&A, chat, polls), once per version.
    await join();
    let joined: Awaited<ReturnType<typeof join>> | undefined;
    expect(await counter.of(async () => (joined = await join()))).toBe(1);
    if (!joined) throw new Error('no join');
    const { link, me, snapshot } = joined;
    expect(link?.registration).toMatchObject({ name: 'Budi Santoso', status: 'registered' });
    expect(link?.rows.map((row) => row.identity).sort()).toEqual([me.identity, 'u_budi'].sort());
    if (snapshot.view !== 'room') throw new Error('not in the room');
    const [asked, voted] = await db.select().from(questions).orderBy(questions.authorName);
    expect(snapshot.qa.mine).toEqual([asked?.id]);
    expect(snapshot.qa.questions).toContainEqual(expect.objectContaining({ id: asked?.id, status: 'pending' }));
    expect(snapshot.qa.myVotes).toEqual([voted?.id]);
    expect(Object.values(snapshot.polls.myVotes)).toHaveLength(1);
    expect(snapshot.recording).toMatchObject({ status: 'recording', startedAt: '2026-12-06T12:10:00.000Z' });
  });

  it('finds no registration for a link of nobody in this session, and the session all the same', async () => {
    const joins = prepareJoinQueries(database.db, liveRoomParts(database.db).snapshot);

    const { session: found, link } = await joins.sessionByLink(session.id, 'bukan-rahasia-siapa-pun');

    expect(found.id).toBe(session.id);
    expect(link).toMatchObject({ registration: null, rows: [] });
  });
});
