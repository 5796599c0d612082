/**
 * `node dist/bench/polling.js [accounts]` — workload 8 of `npm run bench` on its own
 * (bench/workloads/polling.ts): polling many registered accounts from one instance (default
 * 1,000, `intervalS` 60). popgate is a child process polling in process (no REDIS_URL); with
 * POPGATE_BENCH_BULLMQ=1 a private redis-server is started and popgate polls through BullMQ.
 */
import { runStandalone } from './standalone';
import { measurePolling } from './workloads/polling';

runStandalone(async (say) => {
  const accounts = Number(process.argv[2] ?? 1000);
  const bullmq = process.env.POPGATE_BENCH_BULLMQ === '1';
  const r = await measurePolling({ accounts, intervalS: 60, bullmq, placement: 'child', log: say });
  say(`ratio raw / popgate: ${r.ratio.toFixed(2)} (target ≥ 0.7: ${r.ratio >= 0.7 ? 'met' : 'missed'}); mean poll ${r.meanPollMs.toFixed(1)} ms`);
  say(`popgate RSS ${(r.rssBytes / 1024 ** 2).toFixed(0)} MB, CPU ${r.cpuSeconds.toFixed(1)} s`);
});
