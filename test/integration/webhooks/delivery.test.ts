/**
 * Webhook delivery on BullMQ over a private redis-server, to real loopback receivers: every
 * event signed so the Standard Webhooks reference verifier accepts it, retried with the same
 * webhook-id, disabled by 410, delayed by Retry-After, refused when DNS switches to an internal
 * address after creation, delivered once by two instances, taken over when an instance dies
 * mid-delivery, and consume mode's acknowledgements. Retries run on a schedule in milliseconds.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { messageEventId, type PopgateEvent } from '../../../src/events/event';
import { MemoryEventLog } from '../../../src/events/memory-event-log';
import type { CreatedWebhook, DeliveryAttempt, Webhook } from '../../../src/models/webhook';
import type { RetrySchedule } from '../../../src/webhooks/retry-schedule';
import { systemResolver, type HostResolver, type ResolvedAddress } from '../../../src/webhooks/target-guard';
import { FakePop3Server } from '../../support/fake-pop3-server';
import { httpAppFor, type HttpApp, type HttpAppOptions } from '../../support/http-app';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';
import { startReceiver, type ReceivedDelivery, type ReceiverAnswer, type WebhookReceiver } from '../../support/webhook-receiver';

/** When the test's accounts were registered: part of every message event id. */
const CREATED_AT = '2026-11-30T09:00:00.000Z';

const SECRET = randomBytes(32);
const ADMIN = 'admin-token-for-delivery-tests';
const FAST: RetrySchedule = { maxAttempts: 4, firstDelayMs: 50, maxDelayMs: 200, jitter: 0.2, retryAfterCapMs: 10_000 };
const LONG = { timeoutMs: 20_000 };

let sequence = 0;
function received(account: string, uid = `uid-${++sequence}`): Extract<PopgateEvent, { type: 'message.received' }> {
  return {
    id: messageEventId({ id: account, createdAt: CREATED_AT }, 'message.received', uid),
    type: 'message.received',
    timestamp: new Date().toISOString(),
    account,
    data: { id: uid, size: 120, headers: { subject: `message ${uid}`, from: 'a@example.test', to: 'b@example.test', date: null, messageId: null } },
  };
}

describe('webhook delivery with Redis (BullMQ)', () => {
  let upstream: FakePop3Server;
  let redisServer: TestRedis;
  /** The event log every instance reads (the Redis Stream log's role). */
  let log: MemoryEventLog;
  let one: HttpApp;
  /** Every instance started (closed at the end, abandoned ones too). */
  const apps: HttpApp[] = [];
  const receivers: WebhookReceiver[] = [];

  const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);
  function instance(webhooks: HttpAppOptions['webhooks'] = {}): HttpApp {
    const app = httpAppFor(upstream, {
      redisUrl: redisServer.url,
      accounts: { secret: SECRET, adminTokens: [ADMIN] },
      webhooks: { log, schedule: FAST, timeoutMs: 2000, dispatchTickMs: 200, lockDurationMs: 1000, stalledIntervalMs: 500, ...webhooks },
    });
    apps.push(app);
    return app;
  }
  async function receiver(answer?: (delivery: ReceivedDelivery) => ReceiverAnswer): Promise<WebhookReceiver> {
    const started = await startReceiver(answer);
    receivers.push(started);
    return started;
  }
  /** A fresh account (so each test's events reach only its own webhooks). */
  async function account(poll: Record<string, unknown> = {}): Promise<string> {
    const id = `acct-${++sequence}`;
    await asAdmin(request(one.app).post('/accounts?verify=false')).send({ id, pop3: { host: upstream.host, port: upstream.port, user: id, password: 'pw' }, poll }).expect(201);
    return id;
  }
  async function webhook(body: Record<string, unknown>, app = one): Promise<CreatedWebhook> {
    return (await asAdmin(request(app.app).post('/webhooks')).send(body).expect(201)).body as CreatedWebhook;
  }
  async function attempts(id: string, app = one): Promise<DeliveryAttempt[]> {
    return ((await asAdmin(request(app.app).get(`/webhooks/${id}/deliveries`)).expect(200)).body as { items: DeliveryAttempt[] }).items;
  }
  const queueIdle = async (app = one): Promise<boolean> => (await app.webhooks!.stats()).depth === 0;

  beforeAll(async () => {
    upstream = await FakePop3Server.start();
    redisServer = await startRedis();
    log = new MemoryEventLog(1000);
    one = instance();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(receivers.map((r) => r.close()));
    await redisServer?.close();
    await upstream?.close();
  });

  test('delivers every event it subscribes to, signed so the reference verifier accepts it; not events before it existed', async () => {
    const id = await account();
    const target = await receiver();
    const before = received(id);
    await log.append([before]);
    const created = await webhook({ url: target.url, account: id, events: ['message.received', 'message.deleted'] });
    const events: PopgateEvent[] = [
      received(id),
      received(id),
      { id: messageEventId({ id: id, createdAt: CREATED_AT }, 'message.deleted', 'gone'), type: 'message.deleted', timestamp: new Date().toISOString(), account: id, data: { id: 'gone' } },
      { id: `evt_status_${sequence}`, type: 'account.status', timestamp: new Date().toISOString(), account: id, data: { status: 'connected', previous: 'new', error: null } },
      received('someone-else'),
    ];
    await log.append(events);
    await waitFor(() => target.received.length >= 3, { ...LONG, what: 'three deliveries' });
    await waitFor(() => queueIdle(), LONG);
    expect(target.received.map((d) => d.id).sort()).toEqual(events.slice(0, 3).map((e) => e.id).sort());
    for (const delivery of target.received) {
      const body = target.verify(delivery, created.secret);
      expect(body).toEqual(events.find((e) => e.id === delivery.id));
      expect(delivery.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
      expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    }
    expect(target.of(before.id)).toEqual([]);
    // Logs name the account and the event, never the secret.
    expect(one.logText()).toContain(events[0]!.id);
    expect(one.logText()).not.toContain(created.secret.slice('whsec_'.length));
  });

  test('a receiver that answers 500 then 200 gets the same webhook-id twice, both signed; the log shows both attempts', async () => {
    const id = await account();
    const target = await receiver((d) => ({ status: d.seen === 1 ? 500 : 200 }));
    const created = await webhook({ url: target.url, account: id });
    const event = received(id);
    await log.append([event]);
    await waitFor(() => target.of(event.id).length === 2, { ...LONG, what: 'the retry' });
    for (const delivery of target.of(event.id)) expect(target.verify(delivery, created.secret)).toEqual(event);
    await waitFor(async () => (await attempts(created.id)).length === 2, LONG);
    expect(await attempts(created.id)).toEqual([
      { eventId: event.id, attempt: 2, at: expect.any(String), status: 200, durationMs: expect.any(Number) },
      { eventId: event.id, attempt: 1, at: expect.any(String), status: 500, durationMs: expect.any(Number), error: 'the receiver answered 500' },
    ]);
  });

  test('410 Gone disables the webhook: no retry, and later events are not delivered to it', async () => {
    const id = await account();
    const gone = await receiver(() => ({ status: 410 }));
    const fine = await receiver();
    const disabled = await webhook({ url: gone.url, account: id });
    await webhook({ url: fine.url, account: id });
    const first = received(id);
    await log.append([first]);
    await waitFor(async () => ((await asAdmin(request(one.app).get(`/webhooks/${disabled.id}`))).body as Webhook).enabled === false, { ...LONG, what: 'the webhook to be disabled' });
    expect((await asAdmin(request(one.app).get(`/webhooks/${disabled.id}`))).body).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
    const second = received(id);
    await log.append([second]);
    await waitFor(() => fine.of(second.id).length === 1, LONG);
    await waitFor(() => queueIdle(), LONG);
    expect(gone.received.map((d) => d.id)).toEqual([first.id]);
  });

  test('Retry-After is honoured: the retry comes no sooner than the receiver asked', async () => {
    const id = await account();
    const target = await receiver((d) => (d.seen === 1 ? { status: 503, headers: { 'Retry-After': '2' } } : { status: 200 }));
    await webhook({ url: target.url, account: id });
    const event = received(id);
    await log.append([event]);
    await waitFor(() => target.of(event.id).length === 2, { ...LONG, what: 'the retry after Retry-After' });
    const [first, second] = target.of(event.id);
    // The schedule alone would retry after about 50 ms.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(2000);
  });

  test('a receiver that does not answer within WEBHOOK_TIMEOUT_MS is retried', async () => {
    const impatient = instance({ timeoutMs: 1000 });
    const id = await account();
    const target = await receiver((d) => (d.seen === 1 ? 'hang' : { status: 200 }));
    const created = await webhook({ url: target.url, account: id }, impatient);
    const event = received(id);
    await log.append([event]);
    await waitFor(() => target.of(event.id).length === 2, { ...LONG, what: 'the retry after the timeout' });
    await waitFor(async () => (await attempts(created.id)).some((a) => a.status === 200), LONG);
    const logged = await attempts(created.id);
    // Either instance may have made either attempt; the one that hung timed out.
    expect(logged.some((a) => a.status === null && /no answer within/.test(a.error ?? ''))).toBe(true);
    target.release();
  });

  test('a host that resolves to loopback at delivery time is refused, though it was public at creation', async () => {
    let answer: ResolvedAddress[] = [{ address: '93.184.215.14', family: 4 }];
    const switching: HostResolver = (host) => (host === 'switch.example.test' ? Promise.resolve(answer) : systemResolver(host));
    const strict = instance({ allowPrivate: false, resolver: switching });
    const id = await account();
    const target = await receiver();
    const created = await webhook({ url: `http://switch.example.test:${target.port}/hook`, account: id }, strict);
    answer = [{ address: '127.0.0.1', family: 4 }];
    // Only the strict instance may work this delivery: the others allow private targets.
    await Promise.all(apps.filter((app) => app !== strict).map((app) => app.webhooks!.abandon()));
    one = strict;
    await log.append([received(id)]);
    await waitFor(async () => (await attempts(created.id, strict)).length >= 1, { ...LONG, what: 'the refused attempt' });
    expect((await attempts(created.id, strict))[0]).toMatchObject({ status: null, error: expect.stringMatching(/switch\.example\.test resolves to 127\.0\.0\.1/) });
    expect(target.received).toEqual([]);
  });

  test('two instances on one Redis deliver each event once per webhook (one dispatcher, job ids per webhook and event)', async () => {
    // The strict instance would refuse these loopback receivers: only these two work now.
    await Promise.all(apps.map((app) => app.webhooks!.abandon()));
    const second = instance({ allowPrivate: true });
    const first = instance({ allowPrivate: true });
    one = first;
    const id = await account();
    const target = await receiver();
    const created = await webhook({ url: target.url, account: id });
    const events = Array.from({ length: 30 }, () => received(id));
    await log.append(events);
    await waitFor(() => target.received.length >= events.length, { ...LONG, what: 'every event' });
    // Enqueued again (a dispatcher re-reading after a crash): nothing is added.
    await second.webhooks!.queue.add(events.map((event) => ({ webhookId: created.id, event, consume: null })));
    await waitFor(() => queueIdle(first), LONG);
    expect(target.received.map((d) => d.id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  test('an instance killed mid-delivery: another takes the job over and delivers it with the same webhook-id', async () => {
    await Promise.all(apps.map((app) => app.webhooks!.abandon()));
    const doomed = instance({ allowPrivate: true });
    one = doomed;
    const id = await account();
    const target = await receiver((d) => (d.seen === 1 ? 'hang' : { status: 200 }));
    const created = await webhook({ url: target.url, account: id });
    const event = received(id);
    await log.append([event]);
    await waitFor(() => target.of(event.id).length === 1, { ...LONG, what: 'the first attempt' });
    await doomed.webhooks!.abandon();
    const survivor = instance({ allowPrivate: true });
    one = survivor;
    await waitFor(() => target.of(event.id).length === 2, { ...LONG, what: 'the survivor to take the job over' });
    const [lost, delivered] = target.of(event.id);
    expect(delivered!.id).toBe(lost!.id);
    expect(target.verify(delivered!, created.secret)).toEqual(event);
    target.release();
  });

  test('consume mode: a message is queued for deletion only once every subscribed webhook answered 2xx', async () => {
    const consuming = await account({ deleteAfterDelivery: true });
    const keeping = await account();
    let flaky = true;
    const ok = await receiver();
    const slow = await receiver(() => ({ status: flaky ? 500 : 200 }));
    for (const target of [ok, slow]) await webhook({ url: target.url, account: consuming });
    await webhook({ url: ok.url, account: keeping });
    const consumed = received(consuming);
    const kept = received(keeping);
    await log.append([consumed, kept]);
    await waitFor(() => ok.of(consumed.id).length === 1 && ok.of(kept.id).length === 1 && slow.of(consumed.id).length >= 2, LONG);
    const queue = one.resources.consumeQueue;
    expect(await queue.pending(consuming, 10)).toEqual([]);
    flaky = false;
    await waitFor(async () => (await queue.pending(consuming, 10)).length === 1, { ...LONG, what: 'the message to be queued for deletion' });
    expect(await queue.pending(consuming, 10)).toEqual([consumed.data.id]);
    await waitFor(() => queueIdle(), LONG);
    expect(await queue.pending(keeping, 10)).toEqual([]);
  });

  test('a message whose delivery never succeeds stays (consume mode keeps it)', async () => {
    const consuming = await account({ deleteAfterDelivery: true });
    const failing = await receiver(() => ({ status: 500 }));
    await webhook({ url: failing.url, account: consuming });
    const event = received(consuming);
    await log.append([event]);
    await waitFor(() => failing.of(event.id).length === FAST.maxAttempts, { ...LONG, what: 'every attempt' });
    await waitFor(() => queueIdle(), LONG);
    expect(await one.resources.consumeQueue.pending(consuming, 10)).toEqual([]);
  });

  test('/metrics counts deliveries by outcome and reports the queue; /readyz reports the queue', async () => {
    const metrics = (await request(one.app).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^popgate_webhook_deliveries_total\{outcome="delivered"\} [1-9]/m);
    expect(metrics).toMatch(/^popgate_webhook_deliveries_total\{outcome="retrying"\} [1-9]/m);
    expect(metrics).toMatch(/^popgate_queue_depth\{queue="deliveries"\} \d+/m);
    expect(metrics).toMatch(/^popgate_queue_oldest_waiting_seconds\{queue="deliveries"\} [\d.]+/m);
    expect(metrics).toMatch(/^popgate_webhook_delivery_duration_seconds_count [1-9]/m);
    const ready = await request(one.app).get('/readyz');
    expect(ready.body.checks.queues).toEqual({ deliveries: { status: 'ok', depth: expect.any(Number), oldestWaitingS: expect.any(Number) } });
  });
});
