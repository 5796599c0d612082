/**
 * The whole new-mail pipeline as src/server.ts wires it: `startGateway(loadConfig(env))` with a
 * private Redis and a real Dovecot. Mail dropped into the Maildir is seen by the poller, recorded
 * in the Redis event log, listed by GET /events, streamed on /events/stream and delivered,
 * signed, to webhooks; in consume mode a 2xx from every webhook gets the message deleted
 * upstream (and a `message.deleted` event follows), one failing webhook keeps it. Afterwards no
 * secret is anywhere in Redis.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { loadConfig } from '../../../src/config';
import type { RecordedEvent } from '../../../src/events/event';
import type { Account } from '../../../src/models/account';
import type { CreatedWebhook } from '../../../src/models/webhook';
import { startGateway, type RunningGateway } from '../../../src/server';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { openEventStream, type SseClient } from '../../support/event-stream-client';
import { capturingLogger } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { startReceiver, type ReceivedDelivery, type WebhookReceiver } from '../../support/webhook-receiver';
import { waitFor } from '../../support/waiting';
import { pipelineEnv, type PipelineEnv } from '../../support/pipeline-env';

jest.setTimeout(120_000);

const SECRET = randomBytes(32);
const ADMIN = `admin-${randomBytes(16).toString('hex')}`;
const AS_ADMIN = { Authorization: `Bearer ${ADMIN}` };
const ALICE = { name: 'alice', password: `alice-${randomBytes(12).toString('hex')}` };
const BOB = { name: 'bob', password: `bob-${randomBytes(12).toString('hex')}` };
/** A poll every 10 s (the least POLL_INTERVAL_S allows): a change shows within about two. */
const POLLS = { timeoutMs: 40_000, everyMs: 100 };

interface Envelope {
  id: string;
  type: string;
  account: string;
  data: { id: string; headers?: { subject: string | null } };
}

describe('new-mail pipeline: poller → Redis event log → /events, SSE and webhooks (startGateway)', () => {
  let dovecot: DovecotServer;
  let redisServer: TestRedis;
  let redis: Redis;
  let gateway: RunningGateway;
  let setup: PipelineEnv | undefined;
  let lines: string[];
  let gatewayLogger: ReturnType<typeof capturingLogger>['logger'];
  let stream: SseClient;
  /** Answers 2xx: alice's webhook, and bob's first. */
  let receiver: WebhookReceiver;
  /** Answers 500: bob's second webhook, once consume mode has been shown to delete. */
  let failing: WebhookReceiver;
  const webhookSecrets: string[] = [];

  const api = (): ReturnType<typeof request> => request(`http://127.0.0.1:${gateway.port}`);
  const asAdmin = (test: request.Test): request.Test => test.set(AS_ADMIN);
  const account = async (id: string): Promise<Account> => (await asAdmin(api().get(`/accounts/${id}`)).expect(200)).body as Account;
  const lastPollAt = async (id: string): Promise<string | null> => (await account(id)).state.lastPollAt;
  const events = async (query: string): Promise<RecordedEvent[]> => ((await asAdmin(api().get(`/events?${query}`)).expect(200)).body as { items: RecordedEvent[] }).items;
  const createWebhook = async (url: string, accountId: string): Promise<CreatedWebhook> => {
    const created = (await asAdmin(api().post('/webhooks')).send({ url, account: accountId, events: ['message.received'] }).expect(201)).body as CreatedWebhook;
    webhookSecrets.push(created.secret);
    return created;
  };
  const verified = (delivery: ReceivedDelivery, secret: string): Envelope =>
    new Webhook(secret).verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    }) as Envelope;
  const storedSubjects = async (user: string): Promise<string[]> =>
    (await dovecot.storedMessages(user)).map((message) => /^Subject: (.*)$/m.exec(message.toString('utf8'))?.[1]?.trim() ?? '');

  beforeAll(async () => {
    [dovecot, redisServer, receiver, failing] = await Promise.all([
      startDovecot({ users: [ALICE, BOB] }),
      startRedis(),
      startReceiver(() => ({ status: 204 })),
      startReceiver(() => ({ status: 500 })),
    ]);
    redis = new Redis(redisServer.url);
    setup = pipelineEnv(dovecot, redisServer.url, { secret: SECRET, admin: ADMIN });
    ({ logger: gatewayLogger, lines } = capturingLogger('info'));
    gateway = await startGateway(loadConfig(setup.env), gatewayLogger);
    // Both accounts registered (credentials checked against Dovecot) and baselined up front, so
    // the two tests' polls overlap rather than add up.
    for (const user of [ALICE, BOB]) {
      await asAdmin(api().post('/accounts'))
        .send({ id: user.name, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: user.name, password: user.password } })
        .expect(201);
    }
    await waitFor(async () => (await lastPollAt(ALICE.name)) !== null && (await lastPollAt(BOB.name)) !== null, { ...POLLS, what: 'the first (baseline) poll of both accounts' });
  });
  afterAll(async () => {
    stream?.close();
    await gateway?.close();
    redis?.disconnect();
    await Promise.all([receiver?.close(), failing?.close(), redisServer?.close(), dovecot?.close()]);
    setup?.remove();
  });

  test('two new messages: recorded in order, listed by GET /events, streamed, and delivered to the webhook signed, once each', async () => {
    const hook = await createWebhook(receiver.url, ALICE.name);
    stream = await openEventStream(gateway.port, '/events/stream?account=alice', AS_ADMIN);
    expect(stream.status).toBe(200);

    await dovecot.deliver(ALICE.name, simpleMessage({ subject: 'pipeline one' }));
    await dovecot.deliver(ALICE.name, simpleMessage({ subject: 'pipeline two' }));

    const alices = (): ReceivedDelivery[] => receiver.received.filter((d) => d.path === '/hook' && d.body.includes('"account":"alice"'));
    await waitFor(() => alices().length >= 2, { ...POLLS, what: 'two deliveries to alice’s webhook' });
    // The log holds them in arrival order; deliveries run concurrently (the contract promises
    // no delivery order), so they are matched to the log's events by id.
    const listed = await events('account=alice&type=message.received');
    expect(listed.map((e) => (e.data as { headers: { subject: string } }).headers.subject)).toEqual(['pipeline one', 'pipeline two']);
    const ids = listed.map((e) => e.id);
    expect(new Set(ids).size).toBe(2);
    const bodies = alices().map((delivery) => verified(delivery, hook.secret));
    // webhook-id is the event id, and each event came once.
    expect(alices().map((d) => d.id).sort()).toEqual([...ids].sort());
    for (const body of bodies) {
      const { cursor: _cursor, ...event } = listed.find((e) => e.id === body.id)!;
      expect(body).toEqual(event);
    }

    await waitFor(() => stream.events().filter((f) => f.event === 'message.received').length >= 2, { ...POLLS, what: 'the two events on the stream' });
    const streamed = stream.events().map((frame) => JSON.parse(frame.data!) as Envelope);
    expect(streamed.filter((e) => e.type === 'message.received').map((e) => e.id)).toEqual(ids);

    // Once each: a later poll (nothing new) neither records nor delivers them again.
    const polled = await lastPollAt(ALICE.name);
    await waitFor(async () => (await lastPollAt(ALICE.name)) !== polled, { ...POLLS, what: 'another poll of alice' });
    expect((await events('account=alice&type=message.received')).map((e) => e.id)).toEqual(ids);
    expect(alices().map((d) => d.id).sort()).toEqual([...ids].sort());
  });

  test('consume mode: a 2xx from the webhook deletes the message upstream and a message.deleted follows; a webhook answering 500 keeps it', async () => {
    await createWebhook(receiver.url.replace(/\/hook$/, '/bob'), BOB.name);
    await asAdmin(api().patch(`/accounts/${BOB.name}`)).send({ poll: { deleteAfterDelivery: true } }).expect(200);
    expect((await account(BOB.name)).poll.deleteAfterDelivery).toBe(true);

    await dovecot.deliver(BOB.name, simpleMessage({ subject: 'consume me' }));
    const bobs = (): ReceivedDelivery[] => receiver.received.filter((d) => d.path === '/bob');
    await waitFor(() => bobs().length >= 1, { ...POLLS, what: 'the delivery to bob’s webhook' });
    const consumed = JSON.parse(bobs()[0]!.body) as Envelope;
    expect(consumed.data.headers?.subject).toBe('consume me');
    const consumedUid = consumed.data.id;
    await waitFor(async () => !(await storedSubjects(BOB.name)).includes('consume me'), { ...POLLS, what: 'the delivered message to be deleted from Dovecot' });
    await waitFor(async () => (await events('account=bob&type=message.deleted')).some((e) => (e.data as { id: string }).id === consumedUid), {
      ...POLLS,
      what: 'a message.deleted event for the consumed message',
    });

    // A second webhook on the account that keeps failing: the message is not acknowledged by
    // every subscribed webhook, so it stays on the server.
    await createWebhook(failing.url, BOB.name);
    await dovecot.deliver(BOB.name, simpleMessage({ subject: 'keep me' }));
    await waitFor(() => bobs().length >= 2 && failing.received.length >= 1, { ...POLLS, what: 'both of bob’s webhooks to get the new message' });
    const kept = JSON.parse(failing.received[0]!.body) as Envelope;
    expect(kept.data.headers?.subject).toBe('keep me');
    expect(failing.received[0]!.id).toBe(bobs()[1]!.id);
    const delivered = Date.now();
    await waitFor(async () => Date.parse((await lastPollAt(BOB.name)) ?? '') > delivered, { ...POLLS, what: 'a poll of bob after the deliveries' });
    expect(await storedSubjects(BOB.name)).toContain('keep me');
  });

  test('no secret is in Redis: not the mailbox passwords, the admin token, the webhook secrets or POPGATE_SECRET', async () => {
    expect(webhookSecrets.length).toBeGreaterThan(0);
    const needles = [
      ALICE.password,
      BOB.password,
      ADMIN,
      SECRET.toString('base64'),
      SECRET.toString('hex'),
      SECRET.toString('base64url'),
      ...webhookSecrets.flatMap((secret) => [secret, secret.slice('whsec_'.length), Buffer.from(secret.slice('whsec_'.length), 'base64').toString('hex')]),
    ];
    const dump: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        dump.push(key);
        const type = await redis.type(key);
        if (type === 'string') dump.push((await redis.get(key)) ?? '');
        else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') dump.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES')));
        else if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
        else throw new Error(`unexpected Redis type ${type} for ${key}`);
      }
    } while (cursor !== '0');
    expect(dump.length).toBeGreaterThan(10);
    const text = dump.join('\n');
    for (const needle of needles) expect(text).not.toContain(needle);
    // …nor in the gateway's log.
    for (const needle of needles) expect(lines.join('\n')).not.toContain(needle);
  });
});
