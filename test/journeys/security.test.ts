import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dictionaries } from '@serambi/shared/i18n';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newLivePage, untilVideoShows } from '../support/browser.ts';
import { aRegistrant, aRoomSetup } from '../support/room.ts';

const { id } = dictionaries;

/**
 * Every Content-Security-Policy complaint a page makes: `securitypolicyviolation` events (from a
 * listener installed before any of the app's scripts run, on every document) and console errors.
 */
async function watchPolicyViolations(page: Page, found: string[]) {
  await page.exposeFunction('reportPolicyViolation', (text: string) => found.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.documentURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions policy/i.test(message.text())) found.push(`console: ${message.text()}`);
  });
}

/** A site of someone else's on another origin, remembering the headers each visit came with. */
/** Another website, noting each request it gets (the page, and whatever the browser asks for next, like its favicon). */
async function startOtherSite(): Promise<{
  url: string;
  visits: Array<{ path: string | undefined; headers: IncomingHttpHeaders }>;
  server: Server;
}> {
  const visits: Array<{ path: string | undefined; headers: IncomingHttpHeaders }> = [];
  const server = createServer((request, response) => {
    visits.push({ path: request.url, headers: request.headers });
    response.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, visits, server };
}

describe('the app runs under its own security policy', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('shows every main page, signs in and goes live with camera and microphone without one CSP violation', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Budi Santoso');
    const violations: string[] = [];

    // Someone new: the public pages, and signing in through the form (better-auth's origin check).
    const visitor = await newLivePage(browser, app.url, null);
    await watchPolicyViolations(visitor, violations);
    for (const path of ['/', `/c/${community.slug}`, `/s/${session.slug}`, '/verify', '/signup']) {
      await visitor.goto(`${app.url}${path}`);
      await visitor.locator('main').first().waitFor();
    }
    const person = await signUp(app.url, { password: 'kata-sandi-rahasia' });
    await visitor.goto(`${app.url}/signin`);
    await visitor.getByLabel(id.auth.email, { exact: true }).fill(person.email);
    await visitor.getByLabel(id.auth.password, { exact: true }).fill('kata-sandi-rahasia');
    await visitor.getByRole('button', { name: id.auth.signInAction }).click();
    await visitor.waitForURL((url) => !url.pathname.startsWith('/signin'));

    // The organizer: manage pages, then the live room with camera and microphone (fake devices).
    const organizer = await newLivePage(browser, app.url, owner.cookie);
    await watchPolicyViolations(organizer, violations);
    for (const path of [
      '/manage',
      `/manage/${community.slug}`,
      `/manage/${community.slug}/sessions/${session.slug}`,
      `/manage/${community.slug}/sessions/${session.slug}/registrants`,
      '/check',
    ]) {
      await organizer.goto(`${app.url}${path}`);
      await organizer.locator('main').first().waitFor();
    }
    await organizer.goto(`${app.url}/live/${session.slug}`);
    await organizer.getByTestId('enter-room').click();
    await organizer.getByTestId('go-live').click();
    await organizer.getByTestId('stage').waitFor({ timeout: 20_000 });

    // A registrant by their personal link, into the room.
    const registrant = await newLivePage(browser, app.url, null, { viewport: { width: 390, height: 844 } });
    await watchPolicyViolations(registrant, violations);
    await registrant.goto(`${app.url}/j/${secret}`);
    await registrant.locator('main').first().waitFor();
    await registrant.goto(`${app.url}/j/${secret}/live`);
    await registrant.getByTestId('stage').waitFor({ timeout: 20_000 });
    await untilVideoShows(registrant);

    expect(violations).toEqual([]);
    for (const page of [visitor, organizer, registrant]) await page.context().close();
  }, 120_000);

  it('has a watcher that sees what the policy blocks: a script and an event handler injected into a page', async () => {
    const violations: string[] = [];
    const page = await newLivePage(browser, app.url, null);
    await watchPolicyViolations(page, violations);
    await page.goto(`${app.url}/`);
    await page.locator('main').first().waitFor();

    // What an injection would add to the page: neither runs under the app's policy.
    const ran = await page.evaluate(() => {
      const root = document.documentElement;
      const script = document.createElement('script');
      script.textContent = 'document.documentElement.dataset.script = "ran"';
      document.head.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'document.documentElement.dataset.handler = "ran"');
      document.body.append(button);
      button.click();
      button.remove();
      return { script: root.dataset.script ?? null, handler: root.dataset.handler ?? null };
    });
    expect(ran).toEqual({ script: null, handler: null });

    // Both ways the watcher listens catch it: the page's violation events and the console.
    await expect
      .poll(() => violations)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^script-src-elem blocked inline at /),
          expect.stringMatching(/^script-src-attr blocked inline at /),
          expect.stringMatching(/^console: .*inline script.*Content Security Policy/),
        ]),
      );
    await page.context().close();
  });

  it('never tells another site the join link a person came from', async () => {
    const { owner, session } = await aRoomSetup(app);
    const secret = await aRegistrant(app, owner, session.slug, 'Sari Dewi');
    const other = await startOtherSite();
    try {
      const page = await newLivePage(browser, app.url, null);
      await page.goto(`${app.url}/j/${secret}`);
      await page.locator('main').first().waitFor();
      // Following a link away from the join page (as to an organizer's website) sends no Referer.
      await page.evaluate((url) => {
        window.location.href = url;
      }, `${other.url}/dari-serambi`);
      await page.waitForURL(`${other.url}/dari-serambi`);
      const arrival = other.visits.filter((visit) => visit.path === '/dari-serambi');
      expect(arrival).toHaveLength(1);
      expect(arrival[0]?.headers.referer).toBeUndefined();
      expect(JSON.stringify(other.visits)).not.toContain(secret);
      await page.context().close();
    } finally {
      other.server.close();
    }
  });
});
