import { dispose } from '@livekit/rtc-node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLivePage, untilVideoShows } from '../support/browser.ts';
import { withChromiumUdpBlocked } from '../support/chromium-policy.ts';
import { type Deployment, startDeployment } from '../support/deployment.ts';
import {
  aLiveStage,
  keepPeerConnections,
  type LiveStage,
  type MediaPath,
  untilSeenAndHeard,
} from '../support/media-path.ts';
import { aRegistrant } from '../support/room.ts';

/**
 * Serambi deployed as the README says, simulated on loopback: Caddy (TLS, its own CA) in front,
 * Serambi in production mode proxying LiveKit's signalling on its origin, LiveKit advertising
 * its node address with a muxed UDP port and ICE/TCP, coturn for TURN over UDP and TLS. A
 * registrant opens their personal link over https in Chromium and must see and hear the speaker
 * on three networks; each case reads from `getStats()` which path carried the media, so none
 * can pass on another. Runs in the `solo` project: blocking UDP is a machine-wide Chromium policy.
 */

const SPEAKER_VIDEO = '[data-testid="stage-tile"] video';

async function openPersonalLink(deployment: Deployment, browser: Browser, live: LiveStage, name: string) {
  const secret = await aRegistrant(deployment.app, live.setup.owner, live.setup.session.slug, name);
  const page = await newLivePage(browser, deployment.publicUrl, null);
  await page.context().addInitScript(keepPeerConnections);
  const response = await page.goto(`${deployment.publicUrl}/j/${secret}/live`);
  return { page, response };
}

/** Opens the link, waits for the speaker's picture and sound, and returns the path they came by. */
async function seeAndHear(deployment: Deployment, browser: Browser, live: LiveStage, name: string) {
  const { page, response } = await openPersonalLink(deployment, browser, live, name);
  // The page came over TLS with a certificate Chromium trusts (no certificate error is ignored).
  expect((await response?.securityDetails())?.issuer).toMatch(/Caddy Local Authority/);
  await untilVideoShows(page, SPEAKER_VIDEO);
  const path = await untilSeenAndHeard(page);
  // Signalling came through Serambi's origin: its proxy holds the participant's WebSocket.
  expect(deployment.app.context.signalling?.openTunnels()).toBeGreaterThanOrEqual(1);
  return { page, path };
}

const describePath = (path: MediaPath) =>
  `${path.local.candidateType}/${path.local.protocol}${path.local.relayProtocol ? `/${path.local.relayProtocol}` : ''} → ` +
  `${path.remote.candidateType}/${path.remote.protocol} ${path.remote.address}:${path.remote.port}`;

describe('a public deployment: a participant opens their personal link over https and sees and hears the speaker', () => {
  describe('with LiveKit’s ICE/TCP port open (and no TURN)', () => {
    let deployment: Deployment;
    let live: LiveStage;

    beforeAll(async () => {
      deployment = await startDeployment({ turn: false });
      live = await aLiveStage(deployment.app, { liveKitUrl: deployment.app.liveKit.url });
    });
    afterAll(async () => {
      await live?.stop();
      await deployment?.stop();
    });

    it('over UDP to LiveKit’s muxed port, on an ordinary network', async () => {
      const browser = await deployment.launchBrowser();
      try {
        const { page, path } = await seeAndHear(deployment, browser, live, 'Budi Santoso');
        expectDirectUdp(path, deployment);
        await page.context().close();
      } finally {
        await browser.close();
      }
    });

    it('over LiveKit’s ICE/TCP when the network lets no UDP through', async () => {
      await withChromiumUdpBlocked(async () => {
        const browser = await deployment.launchBrowser();
        try {
          const { page, path } = await seeAndHear(deployment, browser, live, 'Sari Dewi');
          expect(path.local.candidateType, describePath(path)).not.toBe('relay');
          expect(path.local.protocol, describePath(path)).toBe('tcp');
          expect(path.remote).toMatchObject({ protocol: 'tcp', port: deployment.ports.liveKitTcp });
          await page.context().close();
        } finally {
          await browser.close();
        }
      });
    });
  });

  describe('with coturn as TURN and LiveKit’s ICE/TCP turned off (LIVEKIT_TCP_PORT=0)', () => {
    let deployment: Deployment;
    let live: LiveStage;

    beforeAll(async () => {
      deployment = await startDeployment({ iceTcp: false });
      live = await aLiveStage(deployment.app, { liveKitUrl: deployment.app.liveKit.url });
    });
    afterAll(async () => {
      await live?.stop();
      await deployment?.stop();
      await dispose();
    });

    it('still over UDP straight to LiveKit on an ordinary network: TURN is offered, not used', async () => {
      const browser = await deployment.launchBrowser();
      try {
        const { page, path } = await seeAndHear(deployment, browser, live, 'Made Wirawan');
        expectDirectUdp(path, deployment);
        await page.context().close();
      } finally {
        await browser.close();
      }
    });

    it('through coturn over TLS when the network lets no UDP through', async () => {
      await withChromiumUdpBlocked(async () => {
        const browser = await deployment.launchBrowser();
        try {
          const { page, path } = await seeAndHear(deployment, browser, live, 'Wayan Putra');
          expect(path.local, describePath(path)).toMatchObject({ candidateType: 'relay', relayProtocol: 'tls' });
          // The relay sits on coturn's address and hands the media to LiveKit's UDP port.
          expect(path.local.address).toBe(deployment.hosts.turn);
          expect(path.remote).toMatchObject({ protocol: 'udp', port: deployment.ports.liveKitUdp });
          await page.context().close();
        } finally {
          await browser.close();
        }
      });
    });
  });
});

function expectDirectUdp(path: MediaPath, deployment: Deployment) {
  expect(path.local.candidateType, describePath(path)).not.toBe('relay');
  expect(path.local.protocol, describePath(path)).toBe('udp');
  expect(path.remote).toMatchObject({ protocol: 'udp', port: deployment.ports.liveKitUdp });
}
