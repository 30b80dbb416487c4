/** The load generator's own process (see runLoadElsewhere in load.ts): runs one plan, answers its result. */
import { type LoadPlan, runLoad } from './load.ts';

process.once('message', async (plan: LoadPlan) => {
  const send = (i: number) =>
    fetch(plan.url, {
      method: plan.method,
      ...(plan.headers ? { headers: plan.headers } : {}),
      ...(plan.bodies ? { body: plan.bodies[i % plan.bodies.length] } : {}),
    });
  // Warm the connections and the server's code paths, then measure.
  await runLoad({ concurrency: Math.min(10, plan.concurrency), durationMs: 500, send });
  const result = await runLoad({ concurrency: plan.concurrency, durationMs: plan.durationMs, send });
  process.send?.(result);
});
