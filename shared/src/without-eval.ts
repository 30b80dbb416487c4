import { z } from 'zod';

/**
 * Makes zod validate without generating code. On its first object parse zod probes whether
 * `Function('')` works, to compile faster validators; under the web app's CSP (script-src 'self',
 * no 'unsafe-eval') the probe fails harmlessly but the browser reports a CSP violation on every
 * page. The web app calls this once before anything is parsed; the server keeps the fast path.
 */
export function validateWithoutEval(): void {
  z.config({ jitless: true });
}
