/**
 * Without Redis, webhooks run in process behind the same interfaces: dispatch from the
 * in-process event log, delivery with the same retry schedule (timers), job-id dedupe, the
 * test event, and consume mode's acknowledgements.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { messageEventId, type PopgateEvent } from '../../../src/events/event';
import type { CreatedWebhook, DeliveryAttempt } from '../../../src/models/webhook';
import { FakePop3Server } from '../../support/fake-pop3-server';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { waitFor } from '../../support/waiting';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

/** When the test's accounts were registered: part of every message event id. */
const CREATED_AT = '2026-11-30T09:00:00.000Z';

const ADMIN = 'admin-token-for-memory-delivery';
const LONG = { timeoutMs: 15_000 };

function received(account: string, uid: string): PopgateEvent {
  return {
    id: messageEventId({ id: account, createdAt: CREATED_AT }, 'message.received', uid),
    type: 'message.received',
    timestamp: new Date().toISOString(),
    account,
    data: { id: uid, size: 10, headers: { subject: null, from: null, to: null, date: null, messageId: null } },
  };
}

describe('webhook delivery in process (no Redis)', () => {
  let upstream: FakePop3Server;
  let gateway: HttpApp;
  let target: WebhookReceiver;
  let webhook: CreatedWebhook;
  const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);

  beforeAll(async () => {
    upstream = await FakePop3Server.start();
    gateway = httpAppFor(upstream, {
      accounts: { secret: randomBytes(32), adminTokens: [ADMIN] },
      webhooks: { schedule: { maxAttempts: 3, firstDelayMs: 30, maxDelayMs: 100, jitter: 0.2, retryAfterCapMs: 1000 } },
    });
    // The first delivery of each event fails: every delivery below is a retry with the same id.
    target = await startReceiver((d) => ({ status: d.seen === 1 ? 502 : 200 }));
    await asAdmin(request(gateway.app).post('/accounts?verify=false'))
      .send({ id: 'inbox', pop3: { host: upstream.host, port: upstream.port, user: 'u', password: 'p' }, poll: { deleteAfterDelivery: true } })
      .expect(201);
    webhook = (await asAdmin(request(gateway.app).post('/webhooks')).send({ url: target.url, account: 'inbox' }).expect(201)).body as CreatedWebhook;
  });

  afterAll(async () => {
    await gateway?.close();
    await target?.close();
    await upstream?.close();
  });

  test('retries a failed delivery with the same webhook-id, then queues the message for deletion (consume mode)', async () => {
    const event = received('inbox', 'uid-1');
    await gateway.resources.eventLog.append([event]);
    await waitFor(() => target.of(event.id).length === 2, { ...LONG, what: 'the retry' });
    for (const delivery of target.of(event.id)) expect(target.verify(delivery, webhook.secret)).toEqual(event);
    await waitFor(async () => (await gateway.resources.consumeQueue.pending('inbox', 10)).length === 1, LONG);
    expect(await gateway.resources.consumeQueue.pending('inbox', 10)).toEqual(['uid-1']);
  });

  test('an event enqueued again is not delivered again', async () => {
    const event = received('inbox', 'uid-2');
    await gateway.resources.eventLog.append([event]);
    await waitFor(() => target.of(event.id).length === 2, LONG);
    await gateway.webhooks!.queue.add([{ webhookId: webhook.id, event, consume: null }]);
    await waitFor(async () => (await gateway.webhooks!.stats()).depth === 0, LONG);
    expect(target.of(event.id)).toHaveLength(2);
  });

  test('POST /webhooks/{id}/test delivers a signed webhook.test event, logged like any other', async () => {
    const res = await asAdmin(request(gateway.app).post(`/webhooks/${webhook.id}/test`)).expect(202);
    const eventId = (res.body as { eventId: string }).eventId;
    await waitFor(() => target.of(eventId).length === 2, LONG);
    expect(target.verify(target.of(eventId)[1]!, webhook.secret)).toEqual({
      id: eventId,
      type: 'webhook.test',
      timestamp: expect.any(String),
      account: 'inbox',
      data: { webhook: webhook.id },
    });
    const log = (await asAdmin(request(gateway.app).get(`/webhooks/${webhook.id}/deliveries?limit=2`)).expect(200)).body as { items: DeliveryAttempt[] };
    expect(log.items.map(({ eventId: id, attempt, status }) => ({ id, attempt, status }))).toEqual([
      { id: eventId, attempt: 2, status: 200 },
      { id: eventId, attempt: 1, status: 502 },
    ]);
  });
});
