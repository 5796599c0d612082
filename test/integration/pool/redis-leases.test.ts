/**
 * The cross-instance session cap in Redis, and its line: slots go to waiters in arrival order
 * whichever instance they wait on (two RedisLeases on one Redis stand for two instances).
 */
import { Redis } from 'ioredis';
import { RedisLeases, type Lease } from '../../../src/pool/leases';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';

describe('RedisLeases: the per-mailbox cap across instances, served in arrival order', () => {
  let server: TestRedis;
  const clients: Redis[] = [];
  const all: RedisLeases[] = [];
  let mailbox = 0;

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    for (const leases of all) leases.close();
    for (const client of clients) client.disconnect();
    await server?.close();
  });

  /** One instance's leases, capped at `max` sessions per mailbox. */
  const instance = (max: number): RedisLeases => {
    const client = new Redis(server.url);
    clients.push(client);
    const leases = new RedisLeases(client, max);
    all.push(leases);
    return leases;
  };
  const freshMailbox = (): string => `mbx-${++mailbox}`;

  test('a freed slot goes to the first waiter in line, not to a later one on the instance that freed it', async () => {
    const [a, b] = [instance(1), instance(1)];
    const box = freshMailbox();
    const held = (await a.tryAcquire(box, 'a-1')) as Lease;
    expect(held).not.toBeNull();
    expect(await b.tryAcquire(box, 'b-first')).toBeNull();
    expect(await a.tryAcquire(box, 'a-second')).toBeNull();
    expect(await a.hasDemand(box)).toBe(true);

    await held.release();
    // a-second asks first, but b-first came first.
    expect(await a.tryAcquire(box, 'a-second')).toBeNull();
    const granted = await b.tryAcquire(box, 'b-first');
    expect(granted).not.toBeNull();
    // …and then a-second is first in line.
    await granted!.release();
    expect(await a.tryAcquire(box, 'a-second')).not.toBeNull();
    expect(await a.hasDemand(box)).toBe(false);
  });

  test('a newcomer gets a slot only while more are free than waiters stand in line', async () => {
    const [a, b] = [instance(2), instance(2)];
    const box = freshMailbox();
    const first = (await a.tryAcquire(box, 'a-1'))!;
    const second = (await a.tryAcquire(box, 'a-2'))!;
    expect(await b.tryAcquire(box, 'b-waiting')).toBeNull();
    await first.release();
    await second.release();
    // Two free, one in line: one slot for the newcomer, one kept for the waiter.
    expect(await a.tryAcquire(box, 'a-newcomer')).not.toBeNull();
    expect(await a.tryAcquire(box, 'a-another')).toBeNull();
    expect(await b.tryAcquire(box, 'b-waiting')).not.toBeNull();
  });

  test('a waiter that leaves gives its place up at once', async () => {
    const [a, b] = [instance(1), instance(1)];
    const box = freshMailbox();
    const held = (await a.tryAcquire(box, 'a-1'))!;
    expect(await b.tryAcquire(box, 'b-leaving')).toBeNull();
    await b.leave(box, 'b-leaving');
    expect(await a.hasDemand(box)).toBe(false);
    await held.release();
    expect(await a.tryAcquire(box, 'a-2')).not.toBeNull();
  });

  test('a waiter that stops asking (its instance died) loses its place after a few seconds', async () => {
    const [a, b] = [instance(1), instance(1)];
    const box = freshMailbox();
    const held = (await a.tryAcquire(box, 'a-1'))!;
    expect(await b.tryAcquire(box, 'b-gone')).toBeNull();
    await held.release();
    // Just queued: its place holds.
    expect(await a.tryAcquire(box, 'a-2')).toBeNull();
    let lease: Lease | null = null;
    await waitFor(async () => (lease = await a.tryAcquire(box, 'a-2')) !== null, { timeoutMs: 15_000, everyMs: 200, what: 'the silent waiter to lose its place' });
    expect(lease).not.toBeNull();
  });
});
