import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newPage, newPageSignedIn } from '../support/browser.ts';
import { pdfPageImage, pdfText, qrCodesIn } from '../support/pdf.ts';
import { aRegistrant, aRoomSetup, connect, eventually, joinRoom } from '../support/room.ts';

/** Where the journey leaves its screenshots and the certificate's picture, to be looked at. */
const shots = process.env.SHOTS_DIR ?? '/tmp/shots';

describe('after the session: the certificate and the report', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it('an attendee downloads their certificate from the join link, the verification page confirms it, and the organizer’s report charts the viewers', async () => {
    const { owner, community, session } = await aRoomSetup(app);
    const program = await owner.request(`/api/sessions/${session.slug}/certificates/program`, {
      method: 'PUT',
      body: { enabled: true, minAttendancePercent: 75, locale: 'id' },
    });
    expect(program.status).toBe(200);
    const ayuSecret = await aRegistrant(app, owner, session.slug, 'Ni Kadek Ayu Lestari');
    await aRegistrant(app, owner, session.slug, 'Budi Santoso'); // registered, never comes

    // Ayu is in the room (a real LiveKit connection) from before go-live to the end.
    const moderator = await joinRoom(app, session.slug, { caller: owner });
    const ayu = await connect((await joinRoom(app, session.slug, { joinSecret: ayuSecret })).join);
    const attendance = `/api/sessions/${session.slug}/report/attendance`;
    await eventually(async () => {
      const report = (await (await owner.request(attendance)).json()) as { people: Array<{ connections: number }> };
      return report.people.some((p) => p.connections > 0);
    });
    expect((await moderator.call('/live')).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await moderator.call('/end')).status).toBe(204);
    await ayu.disconnect();

    // The rule runs after the end (no delay in tests) and finds Ayu eligible.
    const certificates = await eventually(async () => {
      const response = await fetch(`${app.url}/api/registrations/${ayuSecret}/certificates`);
      const list = (await response.json()) as Array<{ number: string }>;
      return list.length > 0 && list;
    }, 20_000);
    const number = certificates[0]?.number ?? '';

    // Ayu opens her join link, downloads the PDF and follows its verification link.
    const page = await newPage(browser, { locale: 'id-ID', viewport: { width: 390, height: 844 } });
    await page.goto(`${app.url}/j/${ayuSecret}`);
    const certificate = page.getByTestId('my-certificate');
    await certificate.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('certificate-download').click(),
    ]);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Ni Kadek Ayu Lestari');
    expect(text).toContain(number);
    expect(text).toContain('Bincang Usaha Langsung');
    const picture = await pdfPageImage(pdf);
    writeFileSync(path.join(shots, 'certificate-journey.png'), picture);
    const [qr] = qrCodesIn(picture);
    expect(qr).toMatch(new RegExp(`/verify/${number}$`));
    await page.screenshot({ path: path.join(shots, 'certificate-join-link-phone-id.png'), fullPage: true });

    await page.getByTestId('certificate-verify').click();
    const verdict = page.getByTestId('verification');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId('verified-name').textContent()).toContain('Ni Kadek Ayu Lestari');
    expect(await page.getByTestId('verified-number').textContent()).toBe(number);
    await page.screenshot({ path: path.join(shots, 'certificate-verified-phone-id.png'), fullPage: true });

    // The QR code's address opens the same verdict.
    await page.goto(qr ?? '');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('valid');
    await page.close();

    // The organizer's report: the figures and the chart of viewers over time.
    const report = await newPageSignedIn(browser, app.url, owner.cookie, {
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    await report.goto(`${app.url}/manage/${community.slug}/sessions/${session.slug}/report`);
    const chart = report.getByTestId('viewers-chart');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(/Peak: 1 at once/);
    expect(await chart.locator('svg path').count()).toBeGreaterThan(0);
    expect(await report.getByTestId('tile-registered').textContent()).toContain('2');
    expect(await report.getByTestId('tile-rate').textContent()).toContain('50');
    const row = report.getByTestId('attendance-people').getByRole('row', { name: /Ni Kadek Ayu Lestari/ });
    await row.waitFor();
    await report.screenshot({ path: path.join(shots, 'session-report-desktop-en.png'), fullPage: true });
    await report.close();
  });
});
