/**
 * 7. SSE fan-out: `profile.sseStreams` clients hold `GET /events/stream` open while events are
 * appended to the Redis event log (as a poller on another instance would); each client's
 * delivery latency is measured from the moment the append was sent.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { cacheKeys } from '../../src/cache/keys';
import { createRedisClient } from '../../src/cache/redis-client';
import { RedisEventLog } from '../../src/events/redis-event-log';
import { received } from '../../test/support/events';
import { waitFor } from '../../test/support/waiting';
import type { BenchEnvironment } from '../environment';
import { startBareSse } from '../servers';
import { fmt, type WorkloadResult } from '../result';

/** One open stream: the cursor of every event frame it read, and when. */
interface Listener {
  arrivals: { cursor: string; at: number }[];
  close(): void;
}

interface FanOutRun {
  delivered: number;
  missing: number;
  outOfOrder: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Median over events of each one's first delivery: the pipeline without the fan-out's spread. */
  firstDeliveryP50Ms: number;
}

export async function sseFanOut(env: BenchEnvironment): Promise<WorkloadResult> {
  const { profile, popgate } = env;
  const redis = createRedisClient(env.redis.url);
  const log = new RedisEventLog(redis, { retention: 100_000 });
  const bare = await startBareSse(env.redis.url, cacheKeys.eventLog(), profile.placement);
  try {
    const b = await fanOut(env, log, `${bare.url}/events/stream`, {});
    const p = await fanOut(env, log, `${popgate.url}/events/stream`, { Authorization: `Bearer ${env.adminToken}` });
    const describe = (r: FanOutRun): string => `p50 ${fmt.ms(r.p50Ms)}, p99 ${fmt.ms(r.p99Ms)}, max ${fmt.ms(r.maxMs)}, ${r.missing} missing`;
    const values: Record<string, number> = { streams: profile.sseStreams, events: profile.sseEvents };
    for (const [side, run] of [['', p], ['baseline', b]] as const) {
      for (const [name, value] of Object.entries(run)) values[side ? `${side}${name[0]!.toUpperCase()}${name.slice(1)}` : name] = value;
    }
    return {
      id: 7,
      title: `SSE fan-out to ${fmt.int(profile.sseStreams)} streams`,
      popgate: `${fmt.int(p.delivered)} deliveries, ${describe(p)}`,
      baseline: `bare node:http tailing the same stream: ${describe(b)}`,
      ratio: null,
      target: 'every event to every stream, p99 ≤ 100 ms',
      met: p.missing === 0 && p.outOfOrder === 0 && p.p99Ms <= 100,
      values,
      notes: [
        `${profile.sseStreams} clients on one instance, ${profile.sseEvents} events appended to the Redis event log one every ${profile.sseIntervalMs} ms by another client (as a poller on another instance would); latency from just before the append to the client reading the frame, measured in the load generator, which also reads every stream (first delivery p50: popgate ${fmt.ms(p.firstDeliveryP50Ms)}, baseline ${fmt.ms(b.firstDeliveryP50Ms)})`,
        ...(p.missing > 0 || p.outOfOrder > 0 ? [`${p.missing} deliveries missing, ${p.outOfOrder} streams out of order`] : []),
      ],
    };
  } finally {
    await bare.close();
    await log.close();
    redis.disconnect();
  }
}

/** Opens the streams at `url`, appends the events, and measures who heard what, when. */
async function fanOut(env: BenchEnvironment, log: RedisEventLog, url: string, headers: Record<string, string>): Promise<FanOutRun> {
  const { profile } = env;
  const listeners: Listener[] = [];
  try {
    for (let i = 0; i < profile.sseStreams; i += 100) {
      listeners.push(...(await Promise.all(Array.from({ length: Math.min(100, profile.sseStreams - i) }, () => listen(url, headers)))));
    }
    // Every stream live before the clock starts: one event, heard by all.
    await log.append([received('bench-sse', `warm-${performance.now()}`)]);
    await waitFor(() => listeners.every((l) => l.arrivals.length >= 1), { timeoutMs: 30_000, what: 'every stream to hear the warm-up event' });
    for (const listener of listeners) listener.arrivals.length = 0;

    const sentAt = new Map<string, number>();
    const started = performance.now();
    for (let i = 0; i < profile.sseEvents; i++) {
      const before = performance.now();
      const [recorded] = await log.append([received('bench-sse', `sse-${started}-${i}`)]);
      sentAt.set(recorded!.cursor, before);
      await new Promise((resolve) => setTimeout(resolve, profile.sseIntervalMs));
    }
    await waitFor(() => listeners.every((l) => l.arrivals.length >= profile.sseEvents), { timeoutMs: 30_000, everyMs: 50, what: 'every stream to hear every event' }).catch(() => undefined);
    return measured(listeners, sentAt);
  } finally {
    for (const listener of listeners) listener.close();
  }
}

function measured(listeners: Listener[], sentAt: Map<string, number>): FanOutRun {
  const latencies: number[] = [];
  const firstArrival = new Map<string, number>();
  let missing = 0;
  let outOfOrder = 0;
  const order = [...sentAt.keys()];
  for (const listener of listeners) {
    const cursors = listener.arrivals.map((a) => a.cursor);
    if (cursors.join() !== order.join()) outOfOrder++;
    const heard = new Set(cursors);
    missing += order.filter((cursor) => !heard.has(cursor)).length;
    for (const { cursor, at } of listener.arrivals) {
      const sent = sentAt.get(cursor);
      if (sent === undefined) continue;
      latencies.push(at - sent);
      firstArrival.set(cursor, Math.min(firstArrival.get(cursor) ?? Infinity, at - sent));
    }
  }
  latencies.sort((a, b) => a - b);
  const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  const firsts = [...firstArrival.values()].sort((a, b) => a - b);
  return {
    delivered: latencies.length,
    missing,
    outOfOrder,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    firstDeliveryP50Ms: pct(firsts, 50),
  };
}

/** Opens a stream and records the `id:` of each frame as it arrives (cheaply: no JSON parsing). */
function listen(url: string, headers: Record<string, string>): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { ...headers, Accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`GET /events/stream: ${res.statusCode}`));
        res.resume();
        return;
      }
      const arrivals: Listener['arrivals'] = [];
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        text += chunk;
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          if (text.startsWith('id: ')) arrivals.push({ cursor: text.slice(4, text.indexOf('\n')), at });
          text = text.slice(end + 2);
        }
      });
      resolve({ arrivals, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}
