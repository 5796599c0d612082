/**
 * `node dist/bench/mail-to-webhook.js [accounts] [messages] [spreadS]` — workload 9 of `npm run
 * bench` on its own (bench/workloads/mail-to-webhook.ts): new mail to webhook received with
 * `intervalS` 10 (defaults: 20 accounts, 100 messages over 60 s, then 20 s for late
 * duplicates). popgate is a child process polling and delivering in process (no REDIS_URL);
 * with POPGATE_BENCH_BULLMQ=1, on a private redis-server through BullMQ.
 */
import { runStandalone } from './standalone';
import { measureMailToWebhook } from './workloads/mail-to-webhook';

runStandalone(async (say) => {
  const accounts = Number(process.argv[2] ?? 20);
  const messages = Number(process.argv[3] ?? 100);
  const spreadS = Number(process.argv[4] ?? 60);
  const bullmq = process.env.POPGATE_BENCH_BULLMQ === '1';
  const r = await measureMailToWebhook({ accounts, messages, spreadS, lateS: 20, bullmq, placement: 'child', log: say });
  say(`target (p95 ≤ 12 s, 0 lost, 0 duplicated): ${r.met ? 'met' : 'missed'}`);
});
