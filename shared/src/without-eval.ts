/**
 * Makes zod validate without generating code. When it builds an object schema zod probes whether
 * `Function('')` works, to compile faster validators; under the web app's CSP (script-src 'self',
 * no 'unsafe-eval') the probe fails harmlessly but the browser reports a CSP violation on every
 * page. The web app calls this first thing, before any module builds a schema; the server keeps
 * the fast path.
 *
 * zod keeps its settings in `globalThis.__zod_globalConfig` (zod/v4/core/core.js: it creates the
 * object only if absent, and `config()` assigns into it), so setting them there needs none of
 * zod's code: the app's entry chunk, which builds no schema, stays without zod.
 * test/journeys/security.test.ts fails if a page reports the probe.
 */
export function validateWithoutEval(): void {
  const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  holder.__zod_globalConfig ??= {};
  holder.__zod_globalConfig.jitless = true;
}
