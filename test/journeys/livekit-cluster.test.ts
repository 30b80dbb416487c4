import { dispose, RoomEvent } from '@livekit/rtc-node';
import { liveKitWebhookDeliveries } from '@serambi/server/livekit/schema.ts';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/accounts.ts';
import type { TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage, untilVideoShows } from '../support/browser.ts';
import { callerOn, startTestCluster, type TestCluster } from '../support/cluster.ts';
import type { TestLiveKitNode } from '../support/livekit-cluster.ts';
import { scrapeMetrics, sumOf } from '../support/metrics.ts';
import { ask } from '../support/qa.ts';
import { started, untilRecording } from '../support/recordings.ts';
import {
  aRegistrant,
  aRoomSetup,
  aSpeaker,
  asBot,
  type ConnectedClient,
  connect,
  connectWithToken,
  eventually,
  joinRoom,
  roomClient,
  snapshotOf,
  untilConnected,
} from '../support/room.ts';
import { type PublishedSyntheticMedia, publishSyntheticMedia } from '../support/synthetic-media.ts';

/**
 * Issue 19: LiveKit as a cluster. Two LiveKit nodes share a Redis (Debian's redis-server, on
 * loopback); two Serambi instances share one PostgreSQL and are given both nodes
 * (`LIVEKIT_URL=ws://127.0.0.11:…,ws://127.0.0.12:…`), so browsers reach signalling through
 * Serambi's origin, which spreads it over the nodes. LiveKit places each room on a node; its
 * webhooks reach the instances through a round-robin balancer. Then one node is killed mid-session.
 */

const SPEAKER_VIDEO = { width: 320, height: 240, fps: 15, colour: { red: 220, green: 180, blue: 40 } };
const SPEAKER_AUDIO = { frequencyHz: 440, sampleRate: 48_000 };

/** How long the audience may wait for the stage after a node dies (LiveKit takes a node as gone after 5 s). */
const RECOVERY_BOUND_MS = 15_000;

describe('Serambi on a LiveKit cluster of two nodes sharing Redis', () => {
  let cluster: TestCluster;
  let a: TestApp;
  let b: TestApp;
  let browser: Browser;
  const clients: ConnectedClient[] = [];
  const stoppers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    [cluster, browser] = await Promise.all([startTestCluster({ size: 2, liveKitNodes: 2 }), launchBrowser()]);
    [a, b] = cluster.instances as [TestApp, TestApp];
  }, 120_000);
  afterAll(async () => {
    for (const stop of stoppers) await stop().catch(() => undefined);
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await browser?.close();
    await cluster?.stop();
    await dispose();
  });

  const nodes = () => cluster.liveKitCluster?.nodes ?? [];
  const nodeOf = (room: string) => cluster.liveKitCluster?.nodeOf(room);
  const apiOf = (node: TestLiveKitNode) =>
    new RoomServiceClient(node.url.replace(/^ws/, 'http'), cluster.liveKit.apiKey, cluster.liveKit.apiSecret);

  /** A session gone live through `via`, its owner's moderator client, and the node LiveKit put its stage on. */
  async function aLiveSession(via: TestApp) {
    const setup = await aRoomSetup(via);
    const host = await joinRoom(via, setup.session.slug, { caller: setup.owner });
    expect((await host.call('/live')).status).toBe(204);
    const node = nodeOf(setup.session.id);
    if (!node) throw new Error(`no node holds the stage of ${setup.session.id}`);
    return { ...setup, host, node };
  }

  /**
   * Live sessions, through both instances in turn, until LiveKit has put a stage on each node (it
   * places rooms at random among the nodes that answer: one of two sessions each time, so a dozen
   * tries miss a node once in two thousand runs).
   */
  async function liveSessionsOnEveryNode() {
    const byNode = new Map<string, Awaited<ReturnType<typeof aLiveSession>>>();
    for (let i = 0; i < 12 && byNode.size < nodes().length; i++) {
      const session = await aLiveSession(i % 2 === 0 ? a : b);
      if (!byNode.has(session.node.nodeId)) byNode.set(session.node.nodeId, session);
    }
    expect(byNode.size, 'LiveKit placed stages on every node').toBe(nodes().length);
    return nodes().map((node) => byNode.get(node.nodeId) as Awaited<ReturnType<typeof aLiveSession>>);
  }

  it('spreads sessions over the nodes; people whose signalling reaches either node meet in one room; every node’s webhooks are handled once', async () => {
    const sessions = await liveSessionsOnEveryNode();
    for (const session of sessions) {
      const members: Array<{ identity: string; client: ConnectedClient }> = [];
      // Through Serambi's origin (its proxy picks a node), and straight to each node's own signalling.
      const ways = [undefined, ...nodes().map((node) => node.url)];
      for (const [i, url] of ways.entries()) {
        const via = i % 2 === 0 ? a : b;
        const secret = await aRegistrant(via, callerOn(via, session.owner), session.session.slug, `Peserta ${i + 1}`);
        const joined = await joinRoom(via, session.session.slug, { joinSecret: secret });
        const livekit = joined.join.livekit;
        if (!livekit) throw new Error('no LiveKit token');
        if (url === undefined) expect(livekit.url).toBe(a.url.replace(/^http/, 'ws'));
        const client = url === undefined ? await connect(joined.join) : await connectWithToken(url, livekit.token);
        clients.push(client);
        members.push({ identity: joined.join.snapshot.me.identity, client });
      }
      // One room, on the node LiveKit chose, whichever node each signalling went to.
      const inRoom = (await apiOf(session.node).listParticipants(session.session.id)).map((p) => p.identity);
      expect(inRoom.sort()).toEqual(members.map((m) => m.identity).sort());
      for (const member of members) await untilConnected(session.host, member.identity);
      // An event sent through either instance reaches everyone in the room.
      const question = await ask(roomClient(b, session.session.slug, session.host.join), 'Apakah materinya dibagikan?');
      for (const member of members) {
        await member.client.nextEvent((e) => e.type === 'qa.question' && e.data.id === question.id);
      }
      await eventually(async () => (await snapshotOf(session.host)).presence.connected === members.length);
    }

    // Each node posted the webhooks of the rooms it holds; every delivery was handled once.
    for (const index of nodes().keys()) {
      expect(
        cluster.webhookProxy.paths.get(`/api/livekit/webhook?node=${index + 1}`) ?? 0,
        `node ${index + 1}`,
      ).toBeGreaterThan(0);
    }
    const handled = async () => {
      let sum = 0;
      for (const app of cluster.instances) sum += sumOf(await scrapeMetrics(app.url), 'serambi_livekit_webhooks_total');
      return sum;
    };
    const recorded = async () => (await a.context.db.select().from(liveKitWebhookDeliveries)).length;
    await eventually(async () => (await handled()) === (await recorded()));
  }, 120_000);

  it('when a node dies, leaves the other node’s sessions alone and brings the dead node’s session back on a survivor', async () => {
    const [doomed, safe] = await liveSessionsOnEveryNode().then((sessions) => sessions as [Session, Session]);
    const dying = doomed.node;
    const surviving = safe.node;

    // The doomed session: a speaker publishing (a bot that joins again as the web client does),
    // a guest on stage, a raised hand, a question, a recording, and one person watching in Chromium.
    const speaker = await aSpeakerBot(a, doomed);
    const guestSecret = await aRegistrant(a, doomed.owner, doomed.session.slug, 'Budi Santoso');
    const guest = await joinRoom(a, doomed.session.slug, { joinSecret: guestSecret });
    clients.push(await connect(guest.join));
    await untilConnected(doomed.host, guest.join.snapshot.me.identity);
    expect((await guest.call('/hand', { body: { raised: true } })).status).toBe(204);
    expect((await doomed.host.call(`/participants/${guest.join.snapshot.me.identity}/invite`)).status).toBe(204);
    expect((await guest.call('/stage/answer', { body: { accept: true } })).status).toBe(204);
    const handSecret = await aRegistrant(a, doomed.owner, doomed.session.slug, 'Sari Dewi');
    const hand = await joinRoom(b, doomed.session.slug, { joinSecret: handSecret });
    expect((await hand.call('/hand', { body: { raised: true } })).status).toBe(204);
    const question = await ask(hand, 'Bagaimana kalau server mati?');
    const recording = await started(doomed.host);
    await untilRecording(doomed.owner, doomed.session.slug, (r) => r.part === 1 && r.status === 'recording');
    const viewerSecret = await aRegistrant(a, doomed.owner, doomed.session.slug, 'Rina Kusuma');
    const page = await newLivePage(browser, a.url, null, { locale: 'en-US' });
    await page.goto(`${a.url}/j/${viewerSecret}/live`);
    const speakerTile = `[data-testid="stage-tile"][data-identity="${speaker.identity}"] video`;
    await untilVideoShows(page, speakerTile);

    // The safe session: a speaker publishing and someone watching, each counting what happens to its connection.
    const safeSpeaker = await aSpeakerBot(b, safe);
    const watcherSecret = await aRegistrant(b, safe.owner, safe.session.slug, 'Wayan Putra');
    const watcher = await connect((await joinRoom(b, safe.session.slug, { joinSecret: watcherSecret })).join);
    clients.push(watcher);
    // And a person watching it in Chromium, whose page notes it if "Reconnecting…" ever shows.
    const safeViewerSecret = await aRegistrant(b, safe.owner, safe.session.slug, 'Made Wirawan');
    const safePage = await newLivePage(browser, b.url, null, { locale: 'en-US' });
    await safePage.goto(`${b.url}/j/${safeViewerSecret}/live`);
    const safeSpeakerTile = `[data-testid="stage-tile"][data-identity="${safeSpeaker.identity}"] video`;
    await untilVideoShows(safePage, safeSpeakerTile);
    // The same watch on the doomed session's page is the control: it must see "Reconnecting…".
    await watchForReconnecting(safePage);
    await watchForReconnecting(page);
    const safeConnections = async () =>
      Object.fromEntries((await apiOf(surviving).listParticipants(safe.session.id)).map((p) => [p.identity, p.sid]));
    const before = await safeConnections();
    const seenBySafe = { disconnected: 0, reconnecting: 0 };
    for (const room of [watcher.room, safeSpeaker.room()]) {
      room.on(RoomEvent.Disconnected, () => seenBySafe.disconnected++);
      room.on(RoomEvent.Reconnecting, () => seenBySafe.reconnecting++);
    }

    await dying.kill();
    const killedAt = Date.now();

    // The audience sees the speaker again, on a room LiveKit made again on the surviving node: the
    // page reconnects by itself, and new frames play (a frozen last frame would not count).
    const left = () => Math.max(1, RECOVERY_BOUND_MS - (Date.now() - killedAt));
    await page.getByTestId('reconnecting').waitFor({ timeout: left() });
    await page.getByTestId('reconnecting').waitFor({ state: 'hidden', timeout: left() });
    await untilVideoShows(page, speakerTile, left());
    await untilNewFrame(page, speakerTile, left());
    const recoveredInMs = Date.now() - killedAt;
    expect(nodeOf(doomed.session.id)?.nodeId).toBe(surviving.nodeId);
    // The speaker publishes again there (rtc-node reconnects by itself, or the bot joins again).
    const published = await apiOf(surviving).getParticipant(doomed.session.id, speaker.identity);
    expect(published.tracks.length).toBeGreaterThan(0);
    console.info(
      `[cluster] stage back after ${recoveredInMs} ms; the speaker bot joined again ${speaker.rejoins()} times`,
    );
    // The room as the database kept it: the guest still on stage, the hand, the question.
    const after = await snapshotOf(doomed.host);
    expect(after.session.status).toBe('live');
    expect(after.guests.map((g) => g.name)).toEqual(['Budi Santoso']);
    expect(after.hands.map((h) => h.name)).toEqual(['Sari Dewi']);
    expect(after.qa.questions.map((q) => q.id)).toContain(question.id);
    // The guest's client came back by itself and is on stage in LiveKit's new room. (Its
    // rtc-node client reconnects with the token LiveKit refreshed when it was invited, so this
    // holds even without Serambi's admittance; the database's stage is the snapshot above.)
    await eventually(
      async () =>
        (
          await apiOf(surviving)
            .getParticipant(doomed.session.id, guest.join.snapshot.me.identity)
            .catch(() => null)
        )?.permission?.canPublish === true,
      RECOVERY_BOUND_MS,
    );

    // The recording on the dead node ended as a part of its own; the next part records on the survivor.
    const first = await untilRecording(
      doomed.owner,
      doomed.session.slug,
      (r) => r.id === recording.id && r.status !== 'recording',
      60_000,
    );
    expect(first.partial).toBe(true);
    await untilRecording(doomed.owner, doomed.session.slug, (r) => r.part === 2 && r.status === 'recording', 30_000);

    // The other session saw none of it: the same connections, never disconnected.
    expect(await safeConnections()).toEqual(before);
    expect(seenBySafe.disconnected).toBe(0);
    expect(await sawReconnecting(page), 'the watch saw the doomed page reconnect').toBe(true);
    expect(await sawReconnecting(safePage), 'the safe page showed "Reconnecting…"').toBe(false);
    await untilNewFrame(safePage, safeSpeakerTile, 5_000);
    console.info(
      `[cluster] stage back in ${recoveredInMs} ms after the node was killed; ` +
        `signal resumes in the safe session: ${seenBySafe.reconnecting}`,
    );
    await page.context().close();
    await safePage.context().close();
  }, 180_000);

  type Session = Awaited<ReturnType<typeof aLiveSession>>;

  /** Notes on the page whether "Reconnecting…" shows at any moment from now on. */
  async function watchForReconnecting(page: Page) {
    await page.evaluate(() => {
      const seen = window as unknown as { sawReconnecting: boolean };
      seen.sawReconnecting = document.querySelector('[data-testid="reconnecting"]') !== null;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="reconnecting"]')) seen.sawReconnecting = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
  }

  const sawReconnecting = (page: Page) =>
    page.evaluate(() => (window as unknown as { sawReconnecting: boolean }).sawReconnecting);

  /** Resolves when the video at `selector` presents a frame after now: it plays, not shows a frozen picture. */
  async function untilNewFrame(page: Page, selector: string, timeoutMs: number) {
    await page.waitForFunction(
      (s) =>
        new Promise<boolean>((resolve) => {
          const video = document.querySelector<HTMLVideoElement>(s);
          if (!video) return resolve(false);
          video.requestVideoFrameCallback(() => resolve(true));
          setTimeout(() => resolve(false), 500);
        }),
      selector,
      { timeout: timeoutMs },
    );
  }

  /**
   * The session's speaker as a bot that behaves as the web client does: joins through Serambi,
   * publishes a camera and a microphone, and when LiveKit disconnects it, joins again (with a
   * short backoff while the join answers 503) and publishes again.
   */
  async function aSpeakerBot(via: TestApp, session: { owner: Caller; session: { id: string; slug: string } }) {
    const speaker = await aSpeaker(via, session.session.id);
    let client: ConnectedClient | undefined;
    let media: PublishedSyntheticMedia | undefined;
    let rejoins = 0;
    let stopped = false;
    let identity = '';
    const enter = async () => {
      const joined = await joinRoom(via, session.session.slug, { caller: speaker });
      identity = joined.join.snapshot.me.identity;
      client = await connect(joined.join);
      media = await publishSyntheticMedia(asBot(client, identity), { video: SPEAKER_VIDEO, audio: SPEAKER_AUDIO });
      client.room.once(RoomEvent.Disconnected, () => void again());
    };
    const again = async () => {
      for (let attempt = 0; attempt < 40 && !stopped; attempt++) {
        try {
          await enter();
          rejoins++;
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    };
    await enter();
    stoppers.push(async () => {
      stopped = true;
      await media?.stop();
      await client?.disconnect();
    });
    return {
      identity,
      rejoins: () => rejoins,
      room: () => {
        if (!client) throw new Error('the speaker is not connected');
        return client.room;
      },
    };
  }
});
