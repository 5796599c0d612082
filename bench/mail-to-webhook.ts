/**
 * `node dist/bench/mail-to-webhook.js [accounts] [messages] [spreadS]` — workload 9 of `npm run
 * bench` on its own (bench/workloads/mail-to-webhook.ts): new mail to webhook received with
 * `intervalS` 10 (defaults: 20 accounts, 100 messages over 60 s, then 20 s for late
 * duplicates). popgate is a child process polling and delivering in process (no REDIS_URL);
 * with POPGATE_BENCH_BULLMQ=1, on a private redis-server through BullMQ.
 */
import * as os from 'node:os';
import { closeConnections } from './load';
import { measureMailToWebhook } from './workloads/mail-to-webhook';

async function main(): Promise<void> {
  const accounts = Number(process.argv[2] ?? 20);
  const messages = Number(process.argv[3] ?? 100);
  const spreadS = Number(process.argv[4] ?? 60);
  const bullmq = process.env.POPGATE_BENCH_BULLMQ === '1';
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const loadAtStart = os.loadavg()[0] ?? 0;
  try {
    const r = await measureMailToWebhook({ accounts, messages, spreadS, lateS: 20, bullmq, placement: 'child', log: say });
    say(`target (p95 ≤ 12 s, 0 lost, 0 duplicated): ${r.met ? 'met' : 'missed'}`);
    say(`load average (1 min): ${loadAtStart.toFixed(2)} at start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at end; ${os.availableParallelism()} CPUs`);
  } finally {
    closeConnections();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
