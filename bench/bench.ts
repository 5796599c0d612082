/**
 * The benchmark: starts its own Dovecot, Redis and popgate, runs the workloads of
 * docs/benchmarks.md's performance targets against their baselines, and tears everything down.
 * Workload 1 also reports 6 (the same page through /accounts/{id}/messages, in its alternation).
 */
import * as os from 'node:os';
import { setUp } from './environment';
import { closeConnections } from './load';
import { describeMachine, type MachineDescription } from './machine';
import type { BenchProfile } from './profile';
import type { WorkloadResult } from './result';
import { cachedListing } from './workloads/cached-listing';
import { coldListing } from './workloads/cold-listing';
import { crowd } from './workloads/crowd';
import { largeMessage } from './workloads/large-message';
import { sseFanOut } from './workloads/sse-fanout';
import { warmStat } from './workloads/warm-stat';

export interface BenchRun {
  results: WorkloadResult[];
  machine: MachineDescription;
}

export const WORKLOADS = [cachedListing, warmStat, largeMessage, coldListing, crowd, sseFanOut] as const;

/** Runs every workload (or the ones numbered in `only`) under `profile`. */
export async function runBench(profile: BenchProfile, opts: { only?: number[]; log?: (line: string) => void } = {}): Promise<BenchRun> {
  const log = opts.log ?? (() => undefined);
  const loadAtStart = os.loadavg()[0] ?? 0;
  const env = await setUp(profile, log);
  const results: WorkloadResult[] = [];
  try {
    for (const [index, workload] of WORKLOADS.entries()) {
      if (opts.only && !opts.only.includes(index + 1)) continue;
      log(`workload ${index + 1}: ${workload.name}`);
      for (const result of [await workload(env)].flat()) {
        log(`  ${result.id}: ${result.popgate} | ${result.baseline}`);
        results.push(result);
      }
    }
  } finally {
    closeConnections();
    // test/support/dovecot.ts unrefs its child so it never holds a test run open; outside
    // jest, nothing else would keep the event loop alive while close() waits for it to exit.
    const keepAlive = setInterval(() => undefined, 1000);
    await env.close().finally(() => clearInterval(keepAlive));
  }
  return { results: results.sort((x, y) => x.id - y.id), machine: await describeMachine(loadAtStart) };
}
