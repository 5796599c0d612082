/**
 * RedisCache against a real redis-server with popgate's own client settings: what the stub in
 * test/unit/cache/redis-cache.test.ts cannot show (Redis really expires entries, and a dead
 * server fails fast rather than queueing).
 */
import type { Redis } from 'ioredis';
import { createRedisClient } from '../../../src/cache/redis-client';
import { RedisCache } from '../../../src/cache/redis-cache';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';

describe('RedisCache on a real Redis', () => {
  let redis: TestRedis;
  let client: Redis;
  let cache: RedisCache;

  beforeAll(async () => {
    redis = await startRedis();
    client = createRedisClient(redis.url);
    cache = new RedisCache(client);
    await waitFor(async () => (await cache.status()) === 'ok', { timeoutMs: 10_000, what: 'Redis to connect' });
  });
  afterAll(async () => {
    client.disconnect();
    await redis?.close();
  });

  it('stores, reads back and deletes values, several at a time', async () => {
    await cache.set('a', 'one', 30);
    await cache.set('b', 'two', 30);
    expect(await cache.getMany(['a', 'missing', 'b'])).toEqual(['one', null, 'two']);
    await cache.delete('a', 'b');
    expect(await cache.getMany(['a', 'b'])).toEqual([null, null]);
  });

  it('hands the TTL to Redis, which expires the entry', async () => {
    await cache.set('brief', 'x', 1);
    const ttl = await client.ttl('brief');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1);
    await waitFor(async () => (await cache.get('brief')) === null, { everyMs: 100, what: 'Redis to expire the entry' });
  });

  it('answers misses and "degraded" while Redis is down, then works again once it is back', async () => {
    await cache.set('kept', 'v', 30);
    await redis.stop();
    expect(await cache.get('kept')).toBeNull();
    await expect(cache.set('other', 'v', 30)).resolves.toBeUndefined();
    expect(await cache.status()).toBe('degraded');

    await redis.start(); // an empty server: nothing was persisted
    await waitFor(async () => (await cache.status()) === 'ok', { timeoutMs: 10_000, what: 'Redis to reconnect' });
    await cache.set('kept', 'again', 30);
    expect(await cache.get('kept')).toBe('again');
  });
});
