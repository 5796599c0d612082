/**
 * The new-mail pipeline (as src/server.ts wires it) across a Redis restart: a gateway polling
 * two Dovecot accounts on BullMQ, recording to the Redis event log, delivering to a webhook and
 * streaming on SSE. Mail arrives before Redis stops, while it is down, and after it is back
 * (same port, same append-only file). Nothing is lost: every message has exactly one
 * `message.received` in the log, in delivery order per account; the webhook gets every one,
 * signed; a stream reader that resumes with Last-Event-ID when its stream ends sees them all.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '../../../src/config';
import type { RecordedEvent } from '../../../src/events/event';
import type { Account } from '../../../src/models/account';
import type { CreatedWebhook } from '../../../src/models/webhook';
import { startGateway, type RunningGateway } from '../../../src/server';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { openResumingEventStream, type ResumingSseClient } from '../../support/event-stream-client';
import { capturingLogger } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { startReceiver, type ReceivedDelivery, type ReceiverAnswer, type WebhookReceiver } from '../../support/webhook-receiver';
import { waitFor } from '../../support/waiting';
import { pipelineEnv, type PipelineEnv } from '../../support/pipeline-env';

jest.setTimeout(180_000);

const SECRET = randomBytes(32);
const ADMIN = `admin-${randomBytes(16).toString('hex')}`;
const AS_ADMIN = { Authorization: `Bearer ${ADMIN}` };
const USERS = ['alice', 'bob'].map((name) => ({ name, password: `${name}-${randomBytes(12).toString('hex')}` }));
/** A poll every 10 s (the least POLL_INTERVAL_S allows); after the restart BullMQ and the clients reconnect first. */
const POLLS = { timeoutMs: 60_000, everyMs: 200 };
/** How long Redis stays down at least: long enough for the gateway to notice and for a due poll to be missed. */
const OUTAGE_MS = 5000;

/** The webhook holds the first attempt of each "before" message unanswered until the test releases it, with Redis down. */
const holdBeforeMail = (delivery: ReceivedDelivery): ReceiverAnswer => (delivery.seen === 1 && / before \d"/.test(delivery.body) ? 'hang' : { status: 204 });

type Received = RecordedEvent & { type: 'message.received'; data: { headers: { subject: string | null } } };

describe('new-mail pipeline across a Redis restart (startGateway, persisted Redis)', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  let gateway: RunningGateway;
  let stream: ResumingSseClient;
  let setup: PipelineEnv | undefined;
  let lines: string[];

  const api = (): ReturnType<typeof request> => request(`http://127.0.0.1:${gateway.port}`);
  const asAdmin = (test: request.Test): request.Test => test.set(AS_ADMIN);
  const lastPollAt = async (id: string): Promise<string | null> => ((await asAdmin(api().get(`/accounts/${id}`)).expect(200)).body as Account).state.lastPollAt;
  /** Every message.received in the log, paged to the end; null while the log does not answer. */
  const received = async (): Promise<Received[] | null> => {
    const items: Received[] = [];
    let after = '';
    for (;;) {
      const res = await asAdmin(api().get(`/events?type=message.received&limit=1000${after}`));
      if (res.status !== 200) return null;
      const page = res.body as { items: Received[]; next: string };
      items.push(...page.items);
      if (page.items.length < 1000) return items;
      after = `&after=${page.next}`;
    }
  };
  const subjects = (events: Received[], account: string): (string | null)[] => events.filter((e) => e.account === account).map((e) => e.data.headers.subject);
  const deliverAll = async (phase: string): Promise<void> => {
    for (const { name } of USERS) {
      for (const n of [1, 2]) await dovecot.deliver(name, simpleMessage({ subject: `${name} ${phase} ${n}`, messageId: `<${name}-${phase}-${n}@example.com>` }));
    }
  };
  const expected = (phases: string[]) => (account: string): string[] => phases.flatMap((phase) => [1, 2].map((n) => `${account} ${phase} ${n}`));
  const waitForLogged = async (phases: string[]): Promise<Received[]> => {
    let events: Received[] = [];
    const want = expected(phases);
    await waitFor(
      async () => {
        events = (await received()) ?? [];
        return USERS.every(({ name }) => subjects(events, name).length >= want(name).length);
      },
      { ...POLLS, what: `the ${phases.join(', ')} messages in GET /events` },
    );
    return events;
  };

  beforeAll(async () => {
    [dovecot, redis, receiver] = await Promise.all([startDovecot({ users: USERS }), startRedis({ persist: true }), startReceiver(holdBeforeMail)]);
    // Attempts held across the outage are answered, not timed out.
    setup = pipelineEnv(dovecot, redis.url, { secret: SECRET, admin: ADMIN }, { WEBHOOK_TIMEOUT_MS: '60000' });
    const captured = capturingLogger('info');
    lines = captured.lines;
    gateway = await startGateway(loadConfig(setup.env), captured.logger);
    for (const { name, password } of USERS) {
      await asAdmin(api().post('/accounts')).send({ id: name, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: name, password } }).expect(201);
    }
    await waitFor(async () => (await Promise.all(USERS.map(({ name }) => lastPollAt(name)))).every((at) => at !== null), { ...POLLS, what: 'the baseline poll of both accounts' });
  });
  afterAll(async () => {
    stream?.close();
    await gateway?.close();
    await Promise.all([receiver?.close(), redis?.close(), dovecot?.close()]);
    setup?.remove();
  });

  test('mail before, during and after a Redis outage: one event each in order, each delivered signed, each streamed', async () => {
    const hook = (await asAdmin(api().post('/webhooks')).send({ url: receiver.url, events: ['message.received'] }).expect(201)).body as CreatedWebhook;
    stream = await openResumingEventStream(gateway.port, '/events/stream?type=message.received', AS_ADMIN);

    await deliverAll('before');
    await waitForLogged(['before']);
    await waitFor(() => receiver.received.length === 4, { ...POLLS, what: 'the four "before" attempts to be in flight' });

    await redis.stop();
    const down = Date.now();
    await deliverAll('during');
    // The gateway notices (the log answers 503, never an empty page) and stays down a while.
    await waitFor(async () => (await asAdmin(api().get('/events'))).status === 503 && Date.now() - down >= OUTAGE_MS, { timeoutMs: 30_000, everyMs: 200, what: 'GET /events to answer 503 with Redis down' });
    // The attempts in flight end while Redis is down: their completion waits for it.
    receiver.release(204);
    await redis.start();

    await waitForLogged(['before', 'during']);
    await deliverAll('after');
    const logged = await waitForLogged(['before', 'during', 'after']);

    // Exactly one event per message, in delivery order per account.
    const phases = expected(['before', 'during', 'after']);
    for (const { name } of USERS) expect(subjects(logged, name)).toEqual(phases(name));
    const ids = logged.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);

    // The webhook: every logged id delivered (at least once), each attempt signed; nothing else.
    const deliveredIds = (): Set<string> => new Set(receiver.received.map((d) => d.id));
    await waitFor(() => ids.every((id) => deliveredIds().has(id)), { ...POLLS, what: 'a delivery of every event to the webhook' });
    expect([...deliveredIds()].sort()).toEqual([...ids].sort());
    for (const delivery of receiver.received) {
      const body = receiver.verify(delivery, hook.secret) as RecordedEvent;
      const { cursor: _cursor, ...event } = logged.find((e) => e.id === delivery.id)!;
      expect(body).toEqual(event);
    }

    // The stream reader, resuming with Last-Event-ID whenever its stream ended, saw every event.
    const streamedIds = (): string[] => stream.events().map((frame) => (JSON.parse(frame.data!) as RecordedEvent).id);
    await waitFor(() => ids.every((id) => streamedIds().includes(id)), { ...POLLS, what: 'every event on the event stream' });
    // Resuming from the last cursor repeats nothing: the stream's ids are the log's, in its order.
    expect(streamedIds()).toEqual(ids);
    expect(stream.events().map((frame) => frame.id)).toEqual(logged.map((e) => e.cursor));

    // No poll left an account failed for good: a later poll of each completes.
    const after = Date.now();
    for (const { name } of USERS) await waitFor(async () => Date.parse((await lastPollAt(name)) ?? '') > after, { ...POLLS, what: `another poll of ${name}` });
    expect(lines.join('\n')).not.toContain(SECRET.toString('base64'));
  });
});
