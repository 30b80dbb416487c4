/** The load generator's own process (see runLoadElsewhere in load.ts): runs one plan, answers its result. */
import { type LoadPlan, runLoad } from './load.ts';

process.once('message', async (plan: LoadPlan) => {
  const send = (i: number) =>
    fetch(plan.url, {
      method: plan.method,
      ...(plan.headers ? { headers: plan.headers } : {}),
      ...(plan.bodies ? { body: plan.bodies[i % plan.bodies.length] } : {}),
    });
  // Open every caller's connection first, one request each, while the server is idle: a server
  // whose event loop is saturated takes in new connections only one every few hundred
  // milliseconds, and connections opened during the measurement then made its tail (a 10 s p99
  // on PGlite was requests waiting to be accepted, not joins taking long).
  await Promise.all(Array.from({ length: plan.concurrency }, (_, i) => send(i).then((r) => r.arrayBuffer())));
  // Warm the server's code paths, then measure.
  await runLoad({ concurrency: Math.min(10, plan.concurrency), durationMs: 500, send });
  process.send?.('measuring');
  const result = await runLoad({ concurrency: plan.concurrency, durationMs: plan.durationMs, send });
  process.send?.(result);
});
