/** The PollStateStore contract, for the in-process store and the Redis one (a private redis-server). */
import { Redis } from 'ioredis';
import { MemoryPollStateStore } from '../../../src/events/memory-poll-state';
import type { PollState, PollStateStore } from '../../../src/events/poll-state';
import { RedisPollStateStore } from '../../../src/events/redis-poll-state';
import { cacheKeys } from '../../../src/cache/keys';
import { AccountStoreUnavailableError } from '../../../src/accounts/errors';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { freePort } from '../../support/waiting';

const STATE: PollState = { status: 'connected', lastPollAt: '2026-11-30T10:00:00.000Z', baselined: true, accountCreatedAt: '2026-11-30T09:00:00.000Z' };

describe.each(['memory', 'redis'] as const)('%s PollStateStore', (kind) => {
  let redisServer: TestRedis | undefined;
  let redis: Redis | undefined;
  let store: PollStateStore;

  beforeAll(async () => {
    if (kind === 'redis') {
      redisServer = await startRedis();
      redis = new Redis(redisServer.url);
    }
  });
  beforeEach(async () => {
    await redis?.flushall();
    // The Redis store writes state only while the account exists (it is in the same Redis).
    for (const id of ['a', 'b']) await redis?.set(cacheKeys.account(id), '{}');
    store = kind === 'redis' ? new RedisPollStateStore(redis!) : new MemoryPollStateStore();
  });
  afterAll(async () => {
    await redis?.quit();
    await redisServer?.close();
  });

  test('nothing is known of an account never polled', async () => {
    expect(await store.state('a')).toBeNull();
    expect(await store.seen('a')).toEqual(new Set());
    expect(await store.states(['a', 'b'])).toEqual(new Map());
  });

  test('advance moves the seen-set and writes the state together; states() reads several accounts', async () => {
    const uids = Array.from({ length: 12_500 }, (_, i) => `uid-${i}`);
    await store.advance('a', { add: uids, remove: [] }, STATE);
    expect((await store.seen('a')).size).toBe(12_500);
    await store.advance('a', { add: ['uid-new'], remove: ['uid-0', 'uid-1'] }, { ...STATE, lastError: 'x' });
    const seen = await store.seen('a');
    expect(seen.size).toBe(12_499);
    expect(seen.has('uid-new') && !seen.has('uid-0')).toBe(true);
    expect(await store.state('a')).toEqual({ ...STATE, lastError: 'x' });
    await store.setState('b', { ...STATE, status: 'unreachable' });
    expect([...(await store.states(['a', 'b', 'c'])).entries()].map(([id, s]) => [id, s.status])).toEqual([
      ['a', 'connected'],
      ['b', 'unreachable'],
    ]);
  });

  test('delete forgets the state and the seen-set', async () => {
    await store.advance('a', { add: ['u1'], remove: [] }, STATE);
    await store.delete('a');
    expect(await store.state('a')).toBeNull();
    expect(await store.seen('a')).toEqual(new Set());
  });

  if (kind === 'redis') {
    test('a poll that outlives its account (deleted on another instance) writes nothing', async () => {
      await redis!.del(cacheKeys.account('a'));
      await store.advance('a', { add: ['u1'], remove: [] }, STATE);
      await store.setState('a', STATE);
      expect(await store.state('a')).toBeNull();
      expect(await store.seen('a')).toEqual(new Set());
    });

    test('with Redis away, reads fail instead of reading as "nothing seen" (which would report every message again)', async () => {
      const away = new Redis(`redis://127.0.0.1:${await freePort()}`, { retryStrategy: () => null, enableOfflineQueue: false });
      away.on('error', () => undefined);
      try {
        await expect(new RedisPollStateStore(away).seen('a')).rejects.toBeInstanceOf(AccountStoreUnavailableError);
      } finally {
        away.disconnect();
      }
    });
  }
});
