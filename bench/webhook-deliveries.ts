/**
 * `node dist/bench/webhook-deliveries.js [events]` — webhook deliveries per second from one
 * instance to a local receiver (target: ≥ 500/s). Events are appended to the event log at
 * once; the clock runs from the first append until the receiver has every delivery, signed
 * and checked by nothing but HTTP. In process without REDIS_URL; on BullMQ with it (use a
 * scratch Redis: the run writes webhooks and jobs there).
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretBox } from '../src/accounts/secret-box';
import { MemoryAccountStore } from '../src/accounts/memory-account-store';
import { messageEventId, type PopgateEvent } from '../src/events/event';
import { MemoryConsumeQueue } from '../src/events/consume-queue';
import { MemoryEventLog } from '../src/events/memory-event-log';
import { MemoryWebhookStore } from '../src/webhooks/memory-webhook-store';
import { startWebhooks } from '../src/webhooks/webhooks';

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10_000);
  const redisUrl = process.env.REDIS_URL;
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
  const rate = total / seconds;
  process.stdout.write(`${total} deliveries in ${seconds.toFixed(2)} s: ${rate.toFixed(0)}/s (${redisUrl ? 'BullMQ' : 'in process'}; target ≥ 500/s: ${rate >= 500 ? 'met' : 'missed'})\n`);
  await webhooks.close();
  receiver.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
