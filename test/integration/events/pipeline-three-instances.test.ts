/**
 * The new-mail pipeline on three instances (three `startGateway(loadConfig(env))` sharing one
 * private Redis, secret and admin token), polling the same Dovecot accounts on BullMQ while
 * API requests for the same mailboxes reach every instance. Each message is recorded once in
 * the shared event log, delivered at least once to the webhook with a valid signature, and
 * Dovecot never holds more sessions of a mailbox than POOL_MAX_PER_MAILBOX, whichever
 * instances want them. Polls run on more than one instance.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '../../../src/config';
import type { RecordedEvent } from '../../../src/events/event';
import type { Account } from '../../../src/models/account';
import type { CreatedWebhook } from '../../../src/models/webhook';
import { startGateway, type RunningGateway } from '../../../src/server';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { capturingLogger } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { watchSessionPeaks } from '../../support/session-peak';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver';
import { waitFor } from '../../support/waiting';
import { pipelineEnv, type PipelineEnv } from '../../support/pipeline-env';

jest.setTimeout(180_000);

const SECRET = randomBytes(32);
const ADMIN = `admin-${randomBytes(16).toString('hex')}`;
const AS_ADMIN = { Authorization: `Bearer ${ADMIN}` };
const USERS = ['one', 'two', 'three'].map((name) => ({ name, password: `${name}-${randomBytes(12).toString('hex')}` }));
const MAX_PER_MAILBOX = 2;
const ROUNDS = 3;
/** A poll every 10 s (the least POLL_INTERVAL_S allows): a change shows within about two. */
const POLLS = { timeoutMs: 60_000, everyMs: 200 };

type Received = RecordedEvent & { type: 'message.received'; data: { headers: { subject: string | null } } };

describe('new-mail pipeline on three instances sharing Redis (startGateway × 3)', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  let gateways: RunningGateway[] = [];
  let setup: PipelineEnv | undefined;

  const api = (gateway: RunningGateway): ReturnType<typeof request> => request(`http://127.0.0.1:${gateway.port}`);
  const asAdmin = (test: request.Test): request.Test => test.set(AS_ADMIN);
  const first = (): RunningGateway => gateways[0]!;
  /** Every message.received in the shared log (read through the first instance), paged to the end. */
  const received = async (): Promise<Received[]> => {
    const items: Received[] = [];
    let after = '';
    for (;;) {
      const page = (await asAdmin(api(first()).get(`/events?type=message.received&limit=1000${after}`)).expect(200)).body as { items: Received[]; next: string };
      items.push(...page.items);
      if (page.items.length < 1000) return items;
      after = `&after=${page.next}`;
    }
  };
  const subjects = (events: Received[], account: string): (string | null)[] => events.filter((e) => e.account === account).map((e) => e.data.headers.subject);
  const metric = async (gateway: RunningGateway, pattern: RegExp): Promise<number> => {
    const text = (await api(gateway).get('/metrics').expect(200)).text;
    return text.split('\n').filter((line) => pattern.test(line)).reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  };

  beforeAll(async () => {
    [dovecot, redis, receiver] = await Promise.all([startDovecot({ users: USERS }), startRedis(), startReceiver(() => ({ status: 204 }))]);
    setup = pipelineEnv(dovecot, redis.url, { secret: SECRET, admin: ADMIN }, { POOL_MAX_PER_MAILBOX: String(MAX_PER_MAILBOX) });
    const { env } = setup;
    gateways = await Promise.all([0, 1, 2].map(() => startGateway(loadConfig(env), capturingLogger('info').logger)));
    // Registered on different instances: any instance's account is every instance's.
    for (const [i, { name, password }] of USERS.entries()) {
      await asAdmin(api(gateways[i]!).post('/accounts')).send({ id: name, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: name, password } }).expect(201);
    }
    const baselined = async (): Promise<boolean> => {
      for (const { name } of USERS) {
        if (((await asAdmin(api(gateways[2]!).get(`/accounts/${name}`)).expect(200)).body as Account).state.lastPollAt === null) return false;
      }
      return true;
    };
    await waitFor(baselined, { ...POLLS, what: 'the baseline poll of every account' });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await Promise.all([receiver?.close(), redis?.close(), dovecot?.close()]);
    setup?.remove();
  });

  test('mail in several accounts while three instances poll and serve them: one event per message, each delivered signed, the session cap held', async () => {
    const hook = (await asAdmin(api(gateways[1]!).post('/webhooks')).send({ url: receiver.url, events: ['message.received'] }).expect(201)).body as CreatedWebhook;
    const peaks = watchSessionPeaks(dovecot, USERS.map((u) => u.name), 50);
    // An API reader on every instance, listing each mailbox in turn on a newly logged-in session
    // (no-cache), competing with the polls and the other instances for the mailbox's slots.
    let reading = true;
    const statuses: number[] = [];
    const readers = gateways.map(async (gateway, offset) => {
      for (let i = offset; reading; i++) {
        const { name } = USERS[i % USERS.length]!;
        const res = await asAdmin(api(gateway).get(`/accounts/${name}/messages?limit=5`)).set('Cache-Control', 'no-cache');
        statuses.push(res.status);
        // Paced: a reader per instance about once a second, as a client would, not a flood.
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    });

    let events: Received[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (const { name } of USERS) await dovecot.deliver(name, simpleMessage({ subject: `${name} round ${round}`, messageId: `<${name}-${round}@example.com>` }));
        await waitFor(
          async () => {
            events = await received();
            return USERS.every(({ name }) => subjects(events, name).length >= round + 1);
          },
          { ...POLLS, what: `round ${round}'s events` },
        );
      }
    } finally {
      reading = false;
      await Promise.all(readers);
    }
    const peak = await peaks.stop();

    // Once each in the log: one event per message, in delivery order per account, ids unique.
    for (const { name } of USERS) expect(subjects(events, name)).toEqual([...Array(ROUNDS).keys()].map((round) => `${name} round ${round}`));
    const ids = events.map((e) => e.id);
    expect(ids).toHaveLength(USERS.length * ROUNDS);
    expect(new Set(ids).size).toBe(ids.length);
    // …and recorded once across the cluster: the instances' event counters add up to the log.
    const counted = await Promise.all(gateways.map((gateway) => metric(gateway, /^popgate_events_total\{type="message\.received"\}/)));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(ids.length);

    // Delivered at least once each (any instance's worker may send it), every attempt signed.
    const deliveredIds = (): Set<string> => new Set(receiver.received.map((d) => d.id));
    await waitFor(() => ids.every((id) => deliveredIds().has(id)), { ...POLLS, what: 'a delivery of every event to the webhook' });
    expect([...deliveredIds()].sort()).toEqual([...ids].sort());
    for (const delivery of receiver.received) {
      const { cursor: _cursor, ...event } = events.find((e) => e.id === delivery.id)!;
      expect(receiver.verify(delivery, hook.secret)).toEqual(event);
    }

    // The cap held at the server, across three pools and the polls; the readers were served.
    for (const { name } of USERS) {
      expect(peak[name]).toBeGreaterThan(0);
      expect(peak[name]).toBeLessThanOrEqual(MAX_PER_MAILBOX);
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    // Polls ran on more than one instance.
    const okPolls = async (): Promise<number[]> => Promise.all(gateways.map((gateway) => metric(gateway, /^popgate_polls_total\{outcome="ok"\}/)));
    await waitFor(async () => (await okPolls()).filter((n) => n > 0).length >= 2, { ...POLLS, what: 'polls on at least two instances' });
  });
});
