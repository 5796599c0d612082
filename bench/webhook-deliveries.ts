/**
 * `node dist/bench/webhook-deliveries.js [events]` — workload 10 of `npm run bench` on its own
 * (bench/workloads/webhook-deliveries.ts): webhook deliveries per second to a local receiver
 * (default 10,000 events; target ≥ 500/s). In process without REDIS_URL; on BullMQ with it
 * (use a scratch Redis: the run writes jobs there).
 */
import { runStandalone } from './standalone';
import { measureDeliveries } from './workloads/webhook-deliveries';

runStandalone(async (say) => {
  const total = Number(process.argv[2] ?? 10_000);
  const r = await measureDeliveries(total, process.env.REDIS_URL);
  say(`${total} deliveries in ${r.seconds.toFixed(2)} s: ${r.perSecond.toFixed(0)}/s (${r.queue}; target ≥ 500/s: ${r.perSecond >= 500 ? 'met' : 'missed'})`);
});
