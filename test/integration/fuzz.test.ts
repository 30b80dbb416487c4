import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newPage, newPageSignedIn } from '../support/browser.ts';
import { fuzzBoundaryDates } from '../support/fuzz/boundaries.ts';
import { aFuzzWorld, type FuzzWorld } from '../support/fuzz/fixtures.ts';
import { type OpenApiDocument, type Operation, operationsOf } from '../support/fuzz/openapi.ts';
import { FORMULA_MARKER } from '../support/fuzz/payloads.ts';
import { type Planted, plantHostileText } from '../support/fuzz/plant.ts';
import {
  formulaCells,
  icsInjections,
  isClean,
  type MarkupFound,
  mailBodies,
  markupIn,
  markupOnPage,
  parsingPage,
} from '../support/fuzz/rendered.ts';
import { type FuzzFailure, fuzzOperations, fuzzSettingsFromEnv, rereadProblems } from '../support/fuzz/run.ts';
import { AnsweredStatuses } from '../support/fuzz/statuses.ts';
import { agedSessionsOf, ageRows } from '../support/strange-dates.ts';

/**
 * `pnpm test` runs a bounded fuzz (fixed seed, few requests per operation); `pnpm fuzz` runs
 * the same code longer (it does not build the web app: the browser check uses web/dist as it
 * is). A failure prints the seed and the request, so FUZZ_SEED=… FUZZ_ONLY=… repeats it.
 */
const settings = fuzzSettingsFromEnv({ seed: 20_261_123, runs: 4 });
/** Roughly what one request costs on two busy cores, with room to spare, for long `pnpm fuzz` runs. */
const FUZZ_TIMEOUT_MS = 60_000 + settings.runs * 110 * 60;

/**
 * Operations that end or remove what the others need (the live room, the session, a member):
 * they go last, so the rest reach deep code first.
 */
const ENDS_SOMETHING = /^DELETE |\/end$|\/cancel$|\/revoke$|\/\{action\}$|^PATCH \/sessions\/\{ref\}$|\/recording\//;

function inFuzzOrder(operations: Operation[]): Operation[] {
  const last = (operation: Operation) => (ENDS_SOMETHING.test(operation.key) ? 1 : 0);
  return [...operations].sort((a, b) => last(a) - last(b));
}

/**
 * PGlite in `pnpm test`; `pnpm fuzz` adds PostgreSQL (FUZZ_ENGINES=pglite,postgres). PGlite is
 * PostgreSQL's own code, so its errors (a NUL byte in text, say) are the same; the driver and
 * the shared server's load are not, and a second app with its own LiveKit costs ~20 s here.
 */
const ENGINES = (process.env.FUZZ_ENGINES ?? 'pglite').split(',') as Array<'pglite' | 'postgres'>;

describe.each(ENGINES)('every API operation fed bad input, on %s', (database) => {
  let app: TestApp;
  let world: FuzzWorld;
  let doc: OpenApiDocument;
  const answered = new AnsweredStatuses();
  beforeAll(async () => {
    app = await startTestApp({ database });
    world = await aFuzzWorld(app);
    doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as OpenApiDocument;
  });
  afterAll(() => app?.stop());

  it(
    'answers every request without a server error, and every refusal as problem details with a message',
    async () => {
      const operations = inFuzzOrder(operationsOf(doc)).filter((o) => !settings.only || o.key.includes(settings.only));
      if (!settings.only) expect(operations.length).toBeGreaterThan(50);
      const { runs } = settings;
      const started = Date.now();
      // First, while the live session is live and the world as built: every date field at its edges.
      const boundaries = await fuzzBoundaryDates(app.url, doc, operations, world, answered);
      const { failures, accepted, sent, statuses } = await fuzzOperations(
        app.url,
        doc,
        operations,
        world,
        { seed: settings.seed, runs },
        answered,
      );
      // The re-read also meets old rows holding dates no request may store any more.
      await ageRows(app.context.db, await agedSessionsOf(app, world));
      const reread = await rereadProblems(app.url, operations, world, answered);
      console.info(
        `fuzz on ${database}: seed ${settings.seed}, ${runs} runs × ${operations.length} operations = ${sent} requests ` +
          `(${accepted.length} accepted, by ${new Set(accepted.map((a) => a.operation)).size} operations) in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `${boundaries.sent} boundary dates (${boundaries.accepted.length} accepted)`,
      );
      expect(report([...boundaries.failures, ...failures, ...reread])).toEqual('');
      // The fuzz got past validation and authorization into a good part of the API, or it proved little.
      const reached = new Set(accepted.map((a) => a.operation));
      if (!settings.only) expect(reached.size).toBeGreaterThan(operations.length * (runs >= 4 ? 0.4 : 0.2));
    },
    FUZZ_TIMEOUT_MS,
  );

  it('declares, for each operation, every status the fuzz above was answered with', () => {
    // Filled by the fuzz above: on its own (say with -t) this test has nothing to compare.
    expect(answered.size, 'statuses seen by the fuzz').toBeGreaterThan(0);
    expect(answered.undeclaredIn(doc).join('\n')).toEqual('');
  });

  it('refuses text holding a NUL character, which PostgreSQL cannot store, as a problem that says so', async () => {
    const { organizer, community, live } = world;
    const answers = [
      await organizer.request(`/api/communities/${community.slug}`, {
        method: 'PATCH',
        body: { description: 'sebelum \u0000 sesudah' },
        headers: { 'Accept-Language': 'en' },
      }),
      await organizer.request(`/api/sessions/${live.slug}/registrants?q=%00`, { headers: { 'Accept-Language': 'en' } }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(await answer.json()).toMatchObject({ code: 'unstorable_text', detail: expect.stringContaining('NUL') });
    }
  });

  it('keeps the connection usable after refusing a large body it never read', async () => {
    const { organizer, live } = world;
    // The path is refused before the body is read; the requests after it reuse the connection.
    const refused = await organizer.request('/api/sessions/bukan%20ref/certificates/program', {
      method: 'PUT',
      body: { title: 'x'.repeat(350_000) },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('connection')).toBe('close');
    for (let i = 0; i < 3; i++) {
      expect((await organizer.request(`/api/sessions/${live.slug}/certificates/program`)).status).toBe(200);
    }
  });

  // The renderings do not depend on the engine: they are checked once, on PGlite.
  const onPglite = database === 'pglite';

  describe('with hostile text stored in every field', () => {
    let browser: Browser;
    let planted: Planted;
    let parser: Page;
    beforeAll(async () => {
      if (!onPglite) return;
      planted = await plantHostileText(app, world.organizer, world.community.slug);
      browser = await launchBrowser();
      parser = await parsingPage(browser);
    });
    afterAll(() => browser?.close());

    const html = async (path: string) => (await fetch(`${app.url}${path}`, { headers: { Cookie: '' } })).text();

    it.runIf(onPglite)('serves pages whose link-preview tags carry the text escaped, never as markup', async () => {
      for (const path of [
        `/c/${planted.community.slug}`,
        `/s/${planted.session.slug}`,
        `/series/${planted.series.id}`,
      ]) {
        const found = await markupIn(parser, await html(path));
        // Clean, and the payload is there (escaped, in a tag's content): the parse looked at the right thing.
        expect(found, path).toEqual({
          markedElements: [],
          handlers: [],
          scripts: [],
          scriptUrls: [],
          mentionsMarker: true,
        });
      }
      // A join link is private: it has no preview, only the page shell.
      const joinPage = await markupIn(parser, await html(`/j/${planted.registrantSecret}`));
      expect(isClean(joinPage), JSON.stringify(joinPage)).toBe(true);
    });

    it.runIf(onPglite)('sends mails and shows the dev outbox with the text escaped', async () => {
      const mails = await mailBodies(app);
      expect(mails.length).toBeGreaterThan(0);
      let mentioned = 0;
      for (const mail of mails) {
        const found = await markupIn(parser, mail.html);
        expect(isClean(found), `mail "${mail.subject}": ${JSON.stringify(found)}`).toBe(true);
        if (found.mentionsMarker) mentioned++;
      }
      // The planted registrant's confirmation names the session, whose title is markup.
      expect(mentioned).toBeGreaterThan(0);
      // The outbox pages show subjects and addresses, and each mail's HTML in a sandboxed frame.
      for (const path of ['/dev/outbox', ...mails.slice(0, 10).map((mail) => `/dev/outbox/${mail.id}`)]) {
        const page = await markupIn(parser, await html(path));
        expect(isClean(page), `${path}: ${JSON.stringify(page)}`).toBe(true);
      }
    });

    it.runIf(onPglite)(
      'keeps calendar feeds to their own lines and spreadsheet exports free of live formulas',
      async () => {
        for (const path of [
          `/api/sessions/${planted.session.slug}/calendar.ics`,
          `/api/communities/${planted.community.slug}/calendar.ics`,
          `/api/series/${planted.series.id}/calendar.ics`,
        ]) {
          const response = await world.organizer.request(path);
          expect(response.status, path).toBe(200);
          expect(icsInjections(await response.text()), path).toEqual([]);
        }
        for (const path of [
          `/api/sessions/${planted.session.slug}/registrants.csv`,
          `/api/sessions/${planted.session.slug}/report/questions.csv`,
          `/api/sessions/${planted.session.slug}/report/polls.csv`,
          `/api/sessions/${planted.session.slug}/report/attendance.csv`,
        ]) {
          const response = await world.organizer.request(path);
          expect(response.status, path).toBe(200);
          const csv = await response.text();
          expect(formulaCells(csv), path).toEqual([]);
          // The planted formulas are there, made harmless (attendance lists only who was connected).
          if (!path.endsWith('attendance.csv')) expect(csv, path).toContain(`'=${FORMULA_MARKER}`);
        }
        const preview = await fetch(`${app.url}/api/sessions/${planted.session.slug}/preview.png`);
        expect(preview.status).toBe(200);
        expect(
          Buffer.from(await preview.arrayBuffer())
            .subarray(1, 4)
            .toString(),
        ).toBe('PNG');
      },
    );

    it.runIf(onPglite)(
      'runs none of it in the browser, on the public, organizer and room pages',
      async () => {
        const { organizer } = world;
        const visits: Array<{ path: string; cookie: string | null; shows: string }> = [
          { path: `/c/${planted.community.slug}`, cookie: null, shows: 'fuzzpwn' },
          { path: `/s/${planted.session.slug}`, cookie: null, shows: 'fuzzpwn' },
          { path: `/series/${planted.series.id}`, cookie: null, shows: 'fuzzpwn' },
          { path: `/j/${planted.registrantSecret}`, cookie: null, shows: 'fuzzpwn' },
          { path: `/manage/${planted.community.slug}`, cookie: organizer.cookie, shows: 'fuzzpwn' },
          {
            path: `/manage/${planted.community.slug}/sessions/${planted.session.slug}/registrants`,
            cookie: organizer.cookie,
            shows: 'FUZZFORMULA',
          },
          {
            path: `/manage/${planted.community.slug}/sessions/${planted.session.slug}/report`,
            cookie: organizer.cookie,
            shows: 'fuzzpwn',
          },
          { path: `/j/${planted.registrantSecret}/live`, cookie: null, shows: 'fuzzpwn' },
        ];
        const check = async (visit: (typeof visits)[number]) => {
          const page = visit.cookie ? await newPageSignedIn(browser, app.url, visit.cookie) : await newPage(browser);
          const dialogs: string[] = [];
          page.on('dialog', (dialog) => {
            dialogs.push(dialog.message());
            void dialog.dismiss();
          });
          try {
            await page.goto(`${app.url}${visit.path}`);
            // The stored text is on the page, as text: the check below looked at the right thing.
            await page.waitForFunction((text) => document.body.textContent?.includes(text) === true, visit.shows, {
              timeout: 20_000,
            });
            const found: MarkupFound = await markupOnPage(page);
            expect(isClean(found), `${visit.path}: ${JSON.stringify(found)}`).toBe(true);
            expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), visit.path).toBeUndefined();
            expect(dialogs, visit.path).toEqual([]);
          } finally {
            await page.context().close();
          }
        };
        // Two pages at a time: most of a visit is waiting for the page to load and ask the API.
        const lanes = [visits.filter((_, n) => n % 2 === 0), visits.filter((_, n) => n % 2 === 1)];
        await Promise.all(
          lanes.map(async (lane) => {
            for (const visit of lane) await check(visit);
          }),
        );
      },
      120_000,
    );
  });
});

function report(failures: FuzzFailure[]): string {
  return failures
    .map(
      (f) =>
        `${f.operation} (FUZZ_SEED=${settings.seed}, operation seed ${f.seed})\n  ${f.request}\n  ${f.problems.join('\n  ')}`,
    )
    .join('\n');
}
