/**
 * Polling on BullMQ with a private Redis: two gateways (two pollers, two pools) share the
 * accounts, poll state and the `polls` queue. Any instance runs any account, one poll of an
 * account runs at a time cluster-wide, and each event is recorded once.
 *
 * The event log here is one in-memory log both instances append to (as they will to the Redis
 * Stream), wrapped to remember every append: "recorded once" must not hide "appended twice".
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import request from 'supertest';
import { cacheKeys } from '../../../src/cache/keys';
import { POLL_QUEUE } from '../../../src/events/bull-poll-scheduler';
import { bullConnection } from '../../../src/queues/connection';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { simpleMessage } from '../../support/messages';
import { ADMIN, pollingGateway, RecordingLog } from '../../support/polling';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { watchSessionPeaks } from '../../support/session-peak';
import { waitFor } from '../../support/waiting';
import type { Account } from '../../../src/models/account';

const USERS = ['one', 'two', 'three'].map((name) => ({ name, password: `${name}-secret` }));
const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);

describe('polling on BullMQ, two instances sharing Redis', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let a: Awaited<ReturnType<typeof pollingGateway>>;
  let b: Awaited<ReturnType<typeof pollingGateway>>;
  let queue: Queue;
  let queueRedis: ReturnType<typeof bullConnection>;
  const log = new RecordingLog();

  beforeAll(async () => {
    [dovecot, redis] = await Promise.all([startDovecot({ users: USERS }), startRedis()]);
    const secret = randomBytes(32);
    // Both instances append to one log, as both will to the Redis Stream.
    const instance = () => pollingGateway(dovecot, { redisUrl: redis.url, secret, eventLog: log, polling: { intervalMs: (account) => account.poll.intervalS * 10, concurrency: 2 } });
    [a, b] = await Promise.all([instance(), instance()]);
    queueRedis = bullConnection(redis.url);
    queue = new Queue(POLL_QUEUE, { connection: queueRedis, prefix: cacheKeys.bullPrefix() });
  });

  afterAll(async () => {
    await queue?.close();
    await queueRedis?.quit();
    await a?.close();
    await b?.close();
    await redis?.close();
    await dovecot?.close();
  });

  const account = async (gw: typeof a, id: string) => (await asAdmin(request(gw.app).get(`/accounts/${id}`)).expect(200)).body as Account;
  const okPolls = async (gw: typeof a) => Number(/popgate_polls_total\{outcome="ok"\} (\d+)/.exec(await gw.resources.metrics.registry.metrics())?.[1] ?? 0);

  test('each account gets a job scheduler; every event is appended exactly once; both instances poll; one poll per account at a time', async () => {
    expect(a.polling.scheduler.kind).toBe('bullmq');
    for (const { name, password } of USERS) {
      await asAdmin(request(a.app).post('/accounts')).send({ id: name, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: name, password } }).expect(201);
    }
    expect((await queue.getJobSchedulers()).map((s) => `${s.key} every ${s.every}`).sort()).toEqual(['poll-one every 600', 'poll-three every 600', 'poll-two every 600']);
    // The other instance sees the state the first one's polls wrote.
    for (const { name } of USERS) await waitFor(async () => (await account(b, name)).state.status === 'connected', { what: `${name}'s baseline` });

    const peaks = watchSessionPeaks(dovecot, USERS.map((u) => u.name));
    for (let round = 0; round < 3; round++) {
      for (const { name } of USERS) await dovecot.deliver(name, simpleMessage({ subject: `${name} round ${round}` }));
      const expected = (round + 1) * USERS.length;
      await waitFor(async () => (await log.all({ types: ['message.received'] })).length === expected, { timeoutMs: 20_000, what: `round ${round}'s events` });
    }
    await waitFor(async () => (await okPolls(a)) > 0 && (await okPolls(b)) > 0, { timeoutMs: 20_000, what: 'both instances to run polls' });
    const peak = await peaks.stop();

    const received = log.attempts.filter((e) => e.type === 'message.received');
    expect(received).toHaveLength(9);
    expect(new Set(received.map((e) => e.id)).size).toBe(9);
    for (const { name } of USERS) {
      expect(received.filter((e) => e.account === name).map((e) => (e.data as { headers: { subject: string } }).headers.subject)).toEqual([0, 1, 2].map((r) => `${name} round ${r}`));
      // Polls only (no API requests here): more than one session at once would be two polls at once.
      expect(peak[name]).toBeLessThanOrEqual(1);
    }
  });

  test('while another instance holds an account’s poll lock, no poll of it runs here; once it is free, polls resume', async () => {
    const lock = cacheKeys.pollLock('one');
    // Taken as an instance takes it: once no poll of the account runs.
    await waitFor(async () => (await queueRedis.set(lock, 'held-by-another-instance', 'PX', 60_000, 'NX')) === 'OK', { what: 'the lock to be free' });
    await dovecot.deliver('one', simpleMessage({ subject: 'waits for the lock' }));
    const before = (await okPolls(a)) + (await okPolls(b));
    // The other accounts go on being polled meanwhile…
    await waitFor(async () => (await okPolls(a)) + (await okPolls(b)) >= before + 6, { timeoutMs: 20_000, what: 'six more polls' });
    const waiting = () => log.attempts.filter((e) => (e.data as { headers?: { subject: string } }).headers?.subject === 'waits for the lock');
    expect(waiting()).toEqual([]);
    await queueRedis.del(lock);
    await waitFor(() => waiting().length === 1, { timeoutMs: 20_000, what: 'the poll after the lock was freed' });
  });

  test('a PATCHed interval reschedules; a deleted account loses its scheduler and poll state', async () => {
    await asAdmin(request(b.app).patch('/accounts/two')).send({ poll: { intervalS: 120 } }).expect(200);
    // The test gateways poll 100 times faster than an account's intervalS says.
    expect((await queue.getJobScheduler('poll-two'))?.every).toBe(1200);
    await asAdmin(request(b.app).patch('/accounts/two')).send({ poll: { enabled: false } }).expect(200);
    expect(await queue.getJobScheduler('poll-two')).toBeUndefined();
    await asAdmin(request(a.app).delete('/accounts/three')).expect(204);
    expect(await queue.getJobScheduler('poll-three')).toBeUndefined();
    expect(await a.resources.pollStates.state('three')).toBeNull();
  });
});
