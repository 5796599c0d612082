/**
 * 10. Webhook deliveries per second from one instance to a local receiver (target: ≥ 500/s).
 * popgate's webhook machinery as the server wires it (startWebhooks: dispatch from the event
 * log, the delivery queue, Standard Webhooks signing, the delivery log, kept-alive POSTs) runs
 * in this process with memory stores; `total` events are appended to the event log at once and
 * the clock runs from the append until a loopback receiver answering 204 has every delivery.
 * With `redisUrl` the queue is BullMQ on it (use a scratch Redis: jobs are written there).
 * Also `node dist/bench/webhook-deliveries.js`.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAccountStore } from '../../src/accounts/memory-account-store';
import { SecretBox } from '../../src/accounts/secret-box';
import { MemoryConsumeQueue } from '../../src/events/consume-queue';
import { messageEventId, type PopgateEvent } from '../../src/events/event';
import { MemoryEventLog } from '../../src/events/memory-event-log';
import { MemoryWebhookStore } from '../../src/webhooks/memory-webhook-store';
import { startWebhooks } from '../../src/webhooks/webhooks';
import { startRedis } from '../../test/support/redis-server';
import type { BenchProfile } from '../profile';
import { fmt, type WorkloadResult } from '../result';

const TARGET_PER_S = 500;

export interface DeliveriesRun {
  queue: string;
  seconds: number;
  perSecond: number;
}

export async function measureDeliveries(total: number, redisUrl: string | undefined): Promise<DeliveriesRun> {
  let received = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  const receiver = http.createServer((req, res) => {
    req.resume().on('end', () => {
      res.writeHead(204).end();
      if (++received === total) done();
    });
  });
  receiver.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const port = (receiver.address() as AddressInfo).port;

  const log = new MemoryEventLog(total + 100);
  const webhooks = startWebhooks({
    redisUrl,
    store: new MemoryWebhookStore(),
    box: new SecretBox(randomBytes(32)),
    accounts: new MemoryAccountStore(),
    log,
    consumeQueue: new MemoryConsumeQueue(),
    timeoutMs: 10_000,
    allowPrivate: true,
    dispatchTickMs: 1000,
  });
  try {
    await webhooks.registry.create({ url: `http://127.0.0.1:${port}/hook` }, null);
    const events: PopgateEvent[] = Array.from({ length: total }, (_, i) => ({
      id: messageEventId({ id: 'bench', createdAt: new Date(0).toISOString() }, 'message.received', `uid-${i}`),
      type: 'message.received',
      timestamp: new Date().toISOString(),
      account: 'bench',
      data: { id: `uid-${i}`, size: 2048, headers: { subject: `message ${i}`, from: 'a@example.test', to: 'b@example.test', date: null, messageId: null } },
    }));
    const started = performance.now();
    await log.append(events);
    await all;
    const seconds = (performance.now() - started) / 1000;
    return { queue: redisUrl ? 'BullMQ' : 'in process', seconds, perSecond: total / seconds };
  } finally {
    await webhooks.close();
    await new Promise((resolve) => {
      receiver.close(resolve);
      receiver.closeAllConnections();
    });
  }
}

/** The workload of `npm run bench`: BullMQ on a private redis-server, as the bench's popgate runs (REDIS_URL set). */
export async function webhookDeliveries(profile: BenchProfile): Promise<WorkloadResult> {
  const redis = await startRedis();
  try {
    const r = await measureDeliveries(profile.deliveries, redis.url);
    return {
      id: 10,
      title: `webhook deliveries to a local receiver (${r.queue})`,
      popgate: `${fmt.int(profile.deliveries)} deliveries in ${r.seconds.toFixed(2)} s: ${fmt.int(r.perSecond)}/s`,
      baseline: '— (an absolute target)',
      ratio: null,
      target: `≥ ${TARGET_PER_S} deliveries/s`,
      met: r.perSecond >= TARGET_PER_S,
      values: { deliveries: profile.deliveries, seconds: r.seconds, perSecond: r.perSecond },
      notes: [
        `popgate's webhook machinery as the server wires it (dispatch from the event log, the ${r.queue} delivery queue on a private redis-server, Standard Webhooks signing, the delivery log, kept-alive POSTs, 200 in flight) with memory stores, in the bench process alongside a loopback receiver answering 204; ${fmt.int(profile.deliveries)} message.received events appended at once, timed from the append to the last delivery received`,
      ],
    };
  } finally {
    await redis.close();
  }
}
