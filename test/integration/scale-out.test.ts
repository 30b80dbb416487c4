import { dispose } from '@livekit/rtc-node';
import { jobs } from '@serambi/server/jobs/schema.ts';
import { liveKitWebhookDeliveries } from '@serambi/server/livekit/schema.ts';
import { type RoomEvent, type RoomSnapshot, topicOf } from '@serambi/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoomSnapshot } from '../../web/src/features/room/create-room-snapshot.ts';
import type { Caller } from '../support/accounts.ts';
import type { TestApp } from '../support/app.ts';
import { callerOn, startTestCluster, type TestCluster } from '../support/cluster.ts';
import { scrapeMetrics, sumOf } from '../support/metrics.ts';
import { ask, vote, votesKnownBy } from '../support/qa.ts';
import {
  aCrowdOfRegistrants,
  afterEverythingSoFar,
  aRegistrant,
  aRoomSetup,
  type ConnectedClient,
  connect,
  eventually,
  joinRoom,
  permissionsIn,
  type RoomClient,
  roomClient,
  roomService,
  snapshotOf,
  untilConnected,
} from '../support/room.ts';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp.ts';

/**
 * Issue 8: Serambi scales out by running more instances. Two of them share one PostgreSQL
 * database and one LiveKit deployment (external to both, as LiveKit Cloud or a LiveKit cluster
 * would be); LiveKit's webhooks reach them through a round-robin proxy, as they would through
 * a load balancer without sticky sessions. Whatever one person does through one instance
 * reaches everyone, whichever instance they came through.
 */

// rtc-node's runtime is disposed once, after every describe of the file: a connect after it never resolves.
afterAll(async () => {
  await dispose();
});

/** Someone in the audience: registered, joined through `via`, connected to LiveKit. */
interface Member {
  name: string;
  identity: string;
  sessionSlug: string;
  /** Their ticket, calling the instance they joined through. */
  room: RoomClient;
  client: ConnectedClient;
  /** The room as it was read right after they connected (what the web client does). */
  connectedSnapshot: RoomSnapshot;
}

const mailsTo = (peer: SmtpPeer, email: string) =>
  peer.messages.filter((mail) => !Array.isArray(mail.to) && mail.to?.value[0]?.address === email);

/**
 * The events a client received, folded in by the web client's own store (the one the browser
 * runs) from the snapshot it read after connecting: returns the room it ends with, the
 * versions it applied, and how many times it saw a gap.
 */
function replayAsTheWebClient(start: RoomSnapshot, events: RoomEvent[]) {
  const applied: number[] = [];
  let gaps = 0;
  const store = createRoomSnapshot({
    onGap: () => {
      gaps++;
    },
    onApplied: (event) => applied.push(event.v),
  });
  store.replace(structuredClone(start));
  for (const event of events) {
    store.receivePacket(new TextEncoder().encode(JSON.stringify(event)), topicOf(event.type));
  }
  return { snapshot: store.snapshot(), applied, gaps };
}

/** The events in an order two instances could deliver them in: each pair of neighbours swapped. */
function neighboursSwapped(events: RoomEvent[]): RoomEvent[] {
  const swapped = [...events];
  for (let i = 0; i + 1 < swapped.length; i += 2) {
    const first = swapped[i] as RoomEvent;
    swapped[i] = swapped[i + 1] as RoomEvent;
    swapped[i + 1] = first;
  }
  return swapped;
}

const votesIn = (snapshot: RoomSnapshot | undefined) =>
  Object.fromEntries((snapshot?.qa.questions ?? []).map((question) => [question.id, question.votes]));

describe('two instances on one PostgreSQL and one LiveKit', () => {
  let cluster: TestCluster;
  let peer: SmtpPeer;
  let a: TestApp;
  let b: TestApp;
  const clients: ConnectedClient[] = [];

  beforeAll(async () => {
    peer = await startSmtpPeer();
    cluster = await startTestCluster({ size: 2, smtpUrl: peer.url });
    [a, b] = cluster.instances as [TestApp, TestApp];
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await cluster?.stop();
    await peer?.stop();
  });

  /** A registrant invited and joined through `via`, connected to the stage room. */
  async function aMemberThrough(
    via: TestApp,
    owner: Caller,
    session: { slug: string },
    host: RoomClient,
    name: string,
  ): Promise<Member> {
    const secret = await aRegistrant(via, callerOn(via, owner), session.slug, name);
    const joined = await joinRoom(via, session.slug, { joinSecret: secret });
    const client = await connect(joined.join);
    clients.push(client);
    const identity = joined.join.snapshot.me.identity;
    await untilConnected(host, identity);
    return {
      name,
      identity,
      sessionSlug: session.slug,
      room: joined,
      client,
      connectedSnapshot: await snapshotOf(joined),
    };
  }

  /** A live session run by its owner, with four people: two joined through each instance. */
  async function aLiveSessionAcrossInstances() {
    const setup = await aRoomSetup(a);
    const hostOnA = await joinRoom(a, setup.session.slug, { caller: setup.owner });
    const hostOnB = roomClient(b, setup.session.slug, hostOnA.join);
    expect((await hostOnB.call('/live')).status).toBe(204);
    const members: Member[] = [];
    for (const [via, name] of [
      [a, 'Ani Wulandari'],
      [b, 'Budi Santoso'],
      [a, 'Citra Kirana'],
      [b, 'Dewi Lestari'],
    ] as const) {
      members.push(await aMemberThrough(via, setup.owner, setup.session, via === a ? hostOnA : hostOnB, name));
    }
    return { ...setup, hostOnA, hostOnB, members };
  }

  it('puts people who joined through either instance in one LiveKit room, and LiveKit’s webhooks reach both', async () => {
    const { session, hostOnA, hostOnB, members } = await aLiveSessionAcrossInstances();

    const inLiveKit = (await roomService(a).listParticipants(session.id)).map((p) => p.identity);
    for (const member of members) expect(inLiveKit, member.name).toContain(member.identity);
    // Both instances know who is connected, whichever of them LiveKit's webhook reached.
    for (const host of [hostOnA, hostOnB]) {
      for (const member of members) await untilConnected(host, member.identity);
    }
    await eventually(async () => (await snapshotOf(hostOnB)).presence.connected === members.length);
    const served = cluster.webhookProxy.served;
    expect(served.get(a.url) ?? 0, 'webhooks to A').toBeGreaterThan(0);
    expect(served.get(b.url) ?? 0, 'webhooks to B').toBeGreaterThan(0);
  });

  it('brings questions and votes through either instance to everyone, in one sequence the web client folds in', async () => {
    const { hostOnA, hostOnB, members } = await aLiveSessionAcrossInstances();
    const [ani, budi, citra, dewi] = members as [Member, Member, Member, Member];

    // Ani asks through A; the others vote through B, A and B. Dewi asks through B; Ani votes through A.
    const fromA = await ask(ani.room, 'Bagaimana cara mulai ekspor kopi?');
    const fromB = await ask(dewi.room, 'Apakah ada pendampingan izin usaha?');
    await Promise.all([vote(budi.room, fromA.id), vote(citra.room, fromA.id), vote(dewi.room, fromA.id)]);
    await vote(ani.room, fromB.id);
    // And the same person again through the other instance: the vote counts once.
    await vote(roomClient(a, budi.sessionSlug, budi.room.join), fromA.id);

    const expected = { [fromA.id]: 3, [fromB.id]: 1 };
    for (const member of members) {
      await eventually(async () => {
        const known = votesKnownBy(member.client);
        return known.get(fromA.id) === 3 && known.get(fromB.id) === 1;
      });
    }
    await afterEverythingSoFar(
      hostOnB,
      members.map((m) => m.client),
    );
    const final = await snapshotOf(hostOnA);
    expect(votesIn(final)).toMatchObject(expected);
    expect(votesIn(await snapshotOf(hostOnB))).toMatchObject(expected);

    // One sequence: a version means the same event on every client, whichever instance sent it.
    const byVersion = new Map<number, string>();
    for (const member of members) {
      for (const event of member.client.events) {
        const seen = JSON.stringify(event);
        expect(byVersion.get(event.v) ?? seen, `v${event.v} differs between clients`).toBe(seen);
        byVersion.set(event.v, seen);
      }
    }

    for (const member of members) {
      const after = member.client.events.filter((event) => event.v > member.connectedSnapshot.version);
      // As received, and as two instances could have sent them (every neighbour swapped):
      // the web client ends where the server is, applying every version once and in order.
      for (const [order, events] of [
        ['received', after],
        ['swapped', neighboursSwapped(after)],
      ] as const) {
        const replayed = replayAsTheWebClient(member.connectedSnapshot, events);
        const label = `${member.name}, ${order}`;
        // Up to the last version it received: the final snapshot's, or a head count announced since.
        const last = Math.max(member.connectedSnapshot.version, ...after.map((event) => event.v));
        expect(last, label).toBeGreaterThanOrEqual(final.version);
        expect(replayed.snapshot?.version, label).toBe(last);
        expect(votesIn(replayed.snapshot), label).toMatchObject(expected);
        const start = member.connectedSnapshot.version;
        expect(replayed.applied, label).toEqual(replayed.applied.map((_, i) => start + 1 + i));
        if (order === 'swapped' && after.length > 1) expect(replayed.gaps, label).toBeGreaterThan(0);
      }
    }
  });

  it('ends a storm of votes through both instances, each coalesced on its own instance, with the true counts everywhere', async () => {
    const { session, hostOnA, hostOnB, members } = await aLiveSessionAcrossInstances();
    const [ani] = members as [Member];
    const first = await ask(ani.room, 'Pertanyaan pertama?');
    const second = await ask(ani.room, 'Pertanyaan kedua?');
    const secrets = await aCrowdOfRegistrants(a, session.id, 30);
    const crowd = await Promise.all(
      secrets.map((joinSecret, i) => joinRoom(i % 2 === 0 ? a : b, session.slug, { joinSecret })),
    );
    // Everyone votes for the first; every third for the second, and every fifth takes it back.
    await Promise.all(
      crowd.map(async (person, i) => {
        await vote(person, first.id);
        if (i % 3 === 0) await vote(person, second.id);
        if (i % 3 === 0 && i % 5 === 0) await vote(person, second.id, false);
      }),
    );
    const expected = {
      [first.id]: 30,
      [second.id]: crowd.filter((_, i) => i % 3 === 0 && i % 5 !== 0).length,
    };
    expect(votesIn(await snapshotOf(hostOnA))).toMatchObject(expected);
    for (const member of members) {
      await eventually(async () => {
        const known = Object.fromEntries(votesKnownBy(member.client));
        return Object.entries(expected).every(([id, votes]) => known[id] === votes);
      });
    }
    await afterEverythingSoFar(
      hostOnB,
      members.map((m) => m.client),
    );
    for (const member of members) expect(Object.fromEntries(votesKnownBy(member.client))).toMatchObject(expected);
  });

  it('takes a stage invitation through one instance and its acceptance through the other, and moderates through either', async () => {
    const { session, hostOnA, hostOnB, members } = await aLiveSessionAcrossInstances();
    const [ani, budi] = members as [Member, Member];
    const budiOnA = roomClient(a, budi.sessionSlug, budi.room.join);

    // Budi (joined through B) raises his hand through A; the host invites through A; Budi accepts through B.
    expect((await budiOnA.call('/hand', { body: { raised: true } })).status).toBe(204);
    await ani.client.nextEvent((e) => e.type === 'hand.raised' && e.data.identity === budi.identity);
    expect((await hostOnA.call(`/participants/${budi.identity}/invite`)).status).toBe(204);
    await budi.client.nextEvent((e) => e.type === 'stage.invited' && e.data.identity === budi.identity);
    expect((await budi.room.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    await budi.client.nextEvent((e) => e.type === 'stage.joined' && e.data.identity === budi.identity);
    await ani.client.nextEvent((e) => e.type === 'stage.joined' && e.data.identity === budi.identity);
    expect(await permissionsIn(a, session.id, budi.identity)).toMatchObject({ canPublish: true, hidden: false });

    // Ani raises her hand through A; the host lowers it through B.
    expect((await ani.room.call('/hand', { body: { raised: true } })).status).toBe(204);
    await budi.client.nextEvent((e) => e.type === 'hand.raised' && e.data.identity === ani.identity);
    expect((await hostOnB.call(`/participants/${ani.identity}/lower-hand`)).status).toBe(204);
    await ani.client.nextEvent((e) => e.type === 'hand.lowered' && e.data.identity === ani.identity);

    // The host takes Budi off the stage through B: LiveKit takes his publishing back.
    expect((await hostOnB.call(`/participants/${budi.identity}/remove-from-stage`)).status).toBe(204);
    await budi.client.nextEvent((e) => e.type === 'stage.left' && e.data.identity === budi.identity);
    await eventually(async () => !(await permissionsIn(a, session.id, budi.identity))?.canPublish);

    const seenByA = await snapshotOf(hostOnA);
    expect(seenByA.hands).toEqual([]);
    expect(seenByA.guests.map((guest) => guest.identity)).not.toContain(budi.identity);
    // Both instances read one sequence (later presence announcements may have moved it on since).
    expect((await snapshotOf(hostOnB)).version).toBeGreaterThanOrEqual(seenByA.version);
  });

  it('runs each queued job once, with both instances’ runners polling: one mail per invitation', async () => {
    const setup = await aRoomSetup(a);
    const invited: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const via = i % 2 === 0 ? b : a;
      const email = `tamu.${i}.${Math.random().toString(36).slice(2, 6)}@example.id`;
      const response = await callerOn(via, setup.owner).request(`/api/sessions/${setup.session.slug}/invitations`, {
        method: 'POST',
        body: { name: `Tamu ${i}`, email },
      });
      expect(response.status, await response.clone().text()).toBe(201);
      invited.push(email);
    }
    await eventually(async () => invited.every((email) => mailsTo(peer, email).length > 0), 20_000);
    // Until no mail job is left to run: a second run of any would have sent by then.
    await eventually(async () => {
      const [row] = await a.context.db
        .select({ n: sql<number>`count(*)::int` })
        .from(jobs)
        .where(and(eq(jobs.kind, 'send-mail'), inArray(jobs.status, ['queued', 'running'])));
      return row?.n === 0;
    }, 20_000);
    for (const email of invited) expect(mailsTo(peer, email), email).toHaveLength(1);
    const mailJobs = await a.context.db
      .select({ status: jobs.status, attempts: jobs.attempts, payload: jobs.payload })
      .from(jobs)
      .where(eq(jobs.kind, 'send-mail'));
    const ours = mailJobs.filter((job) => invited.some((email) => JSON.stringify(job.payload).includes(email)));
    expect(ours).toHaveLength(invited.length);
    for (const job of ours) expect(job).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('reports each instance’s own work in its metrics: together they ran every job and handled every webhook once', async () => {
    const scrapeBoth = async () => Promise.all([scrapeMetrics(a.url), scrapeMetrics(b.url)]);
    await eventually(async () => {
      const [ofA, ofB] = await scrapeBoth();
      const [done] = await a.context.db
        .select({ n: sql<number>`count(*)::int` })
        .from(jobs)
        .where(and(eq(jobs.kind, 'send-mail'), eq(jobs.status, 'done')));
      const ran = [ofA, ofB].map((samples) =>
        sumOf(samples, 'serambi_job_runs_total', { kind: 'send-mail', outcome: 'done' }),
      );
      return done?.n === (ran[0] ?? 0) + (ran[1] ?? 0);
    });
    await eventually(async () => {
      const [ofA, ofB] = await scrapeBoth();
      const [deliveries] = await a.context.db.select({ n: sql<number>`count(*)::int` }).from(liveKitWebhookDeliveries);
      const handled = [ofA, ofB].map((samples) => sumOf(samples, 'serambi_livekit_webhooks_total'));
      return (handled[0] ?? 0) > 0 && (handled[1] ?? 0) > 0 && deliveries?.n === (handled[0] ?? 0) + (handled[1] ?? 0);
    });
    // The deployment's own figures read the same through either instance.
    const [ofA, ofB] = await scrapeBoth();
    expect(sumOf(ofA, 'serambi_live_sessions')).toBe(sumOf(ofB, 'serambi_live_sessions'));
    expect(sumOf(ofA, 'serambi_live_sessions')).toBeGreaterThanOrEqual(3);
  });
});
