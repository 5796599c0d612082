/**
 * The benchmark: runs the workloads of docs/benchmarks.md's performance targets against their
 * baselines and tears everything down. Workloads 1–7 share one environment (Dovecot, Redis and
 * popgate, started once, and stopped before the rest run); 8–10 each start their own, since
 * their setup differs (1,000 passwd users, `intervalS` 10, a scratch queue).
 * Workload 1 also reports 6 (the same page through /accounts/{id}/messages, in its alternation).
 */
import * as os from 'node:os';
import { type BenchEnvironment, setUp } from './environment';
import { closeConnections } from './load';
import { describeMachine, type MachineDescription } from './machine';
import type { BenchProfile } from './profile';
import type { WorkloadResult } from './result';
import { cachedListing } from './workloads/cached-listing';
import { coldListing } from './workloads/cold-listing';
import { crowd } from './workloads/crowd';
import { largeMessage } from './workloads/large-message';
import { mailToWebhook } from './workloads/mail-to-webhook';
import { polling } from './workloads/polling';
import { sseFanOut } from './workloads/sse-fanout';
import { warmStat } from './workloads/warm-stat';
import { webhookDeliveries } from './workloads/webhook-deliveries';

export interface BenchRun {
  results: WorkloadResult[];
  machine: MachineDescription;
}

type Log = (line: string) => void;

/** A workload and the rows it reports; `shared` ones run in the shared environment, the others set up their own. */
type Workload =
  | { ids: number[]; name: string; shared: (env: BenchEnvironment) => Promise<WorkloadResult | WorkloadResult[]> }
  | { ids: number[]; name: string; own: (profile: BenchProfile, log: Log) => Promise<WorkloadResult> };

export const WORKLOADS: readonly Workload[] = [
  { ids: [1, 6], name: 'cached listing', shared: cachedListing },
  { ids: [2], name: 'warm stat', shared: warmStat },
  { ids: [3], name: 'large message', shared: largeMessage },
  { ids: [4], name: 'cold listing', shared: coldListing },
  { ids: [5], name: 'crowd', shared: crowd },
  { ids: [7], name: 'SSE fan-out', shared: sseFanOut },
  { ids: [8], name: 'polling', own: polling },
  { ids: [9], name: 'mail to webhook', own: mailToWebhook },
  { ids: [10], name: 'webhook deliveries', own: webhookDeliveries },
];

/** Runs every workload (or those reporting a row numbered in `only`) under `profile`. */
export async function runBench(profile: BenchProfile, opts: { only?: number[]; log?: Log } = {}): Promise<BenchRun> {
  const log = opts.log ?? (() => undefined);
  const loadAtStart = os.loadavg()[0] ?? 0;
  const selected = WORKLOADS.filter((w) => !opts.only || w.ids.some((id) => opts.only!.includes(id)));
  let env: BenchEnvironment | null = null;
  const results: WorkloadResult[] = [];
  try {
    for (const workload of selected) {
      log(`workload ${workload.ids.join(' and ')}: ${workload.name}`);
      let reported: WorkloadResult | WorkloadResult[];
      if ('shared' in workload) {
        env ??= await setUp(profile, log);
        reported = await workload.shared(env);
      } else {
        // The shared servers would only compete for the CPU with this workload's own.
        await env?.close();
        env = null;
        reported = await workload.own(profile, log);
      }
      for (const result of [reported].flat()) {
        log(`  ${result.id}: ${result.popgate} | ${result.baseline}`);
        results.push(result);
      }
    }
  } finally {
    closeConnections();
    await env?.close();
  }
  return { results: results.sort((x, y) => x.id - y.id), machine: await describeMachine(loadAtStart) };
}
