import { config } from 'zod';

/**
 * Makes zod validate without generating code. On its first object parse zod probes whether
 * `Function('')` works, to compile faster validators; under the web app's CSP (script-src 'self',
 * no 'unsafe-eval') the probe fails harmlessly but the browser reports a CSP violation on every
 * page. The web app calls this before it parses anything with zod; the server keeps the fast path.
 * (`config`, not `z.config`: the web build takes every `z.…` call for a schema definition without
 * side effects, web/vite.config.ts.)
 */
export function validateWithoutEval(): void {
  config({ jitless: true });
}
