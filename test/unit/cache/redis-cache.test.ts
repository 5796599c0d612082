import { RedisCache, type RedisLike } from '../../../src/cache/redis-cache';

/** The slice of ioredis the cache uses, every call a mock; `down()` makes each one reject as a dead Redis does. */
function stubRedis() {
  const redis = {
    get: jest.fn(async (_key: string) => null as string | null),
    mget: jest.fn(async (...keys: string[]) => keys.map(() => null as string | null)),
    set: jest.fn(async () => 'OK'),
    del: jest.fn(async () => 1),
    ping: jest.fn(async () => 'PONG'),
    status: 'ready',
  };
  const down = (): void => {
    const refused = async (): Promise<never> => {
      throw new Error('Connection is closed.');
    };
    for (const method of ['get', 'mget', 'set', 'del', 'ping'] as const) redis[method].mockImplementation(refused);
  };
  return { redis, client: redis as unknown as RedisLike, down };
}

describe('RedisCache', () => {
  it('writes with EX, so Redis expires the entry', async () => {
    const { redis, client } = stubRedis();
    await new RedisCache(client).set('k', 'v', 42);
    expect(redis.set).toHaveBeenCalledWith('k', 'v', 'EX', 42);
  });

  it('reads many keys in one MGET, and none for an empty list', async () => {
    const { redis, client } = stubRedis();
    redis.mget.mockResolvedValueOnce(['1', null]);
    const cache = new RedisCache(client);
    expect(await cache.getMany(['a', 'b'])).toEqual(['1', null]);
    expect(await cache.getMany([])).toEqual([]);
    expect(redis.mget).toHaveBeenCalledTimes(1);
  });

  it('reports hits and misses per key', async () => {
    const { redis, client } = stubRedis();
    const outcomes: string[] = [];
    const cache = new RedisCache(client, (outcome) => outcomes.push(outcome));
    redis.get.mockResolvedValueOnce('v');
    await cache.get('a');
    await cache.get('b');
    redis.mget.mockResolvedValueOnce([null, 'v']);
    await cache.getMany(['c', 'd']);
    expect(outcomes).toEqual(['hit', 'miss', 'miss', 'hit']);
  });

  it('turns every failure of a dead Redis into a miss, never an error: reads go upstream instead', async () => {
    const { client, down } = stubRedis();
    const outcomes: string[] = [];
    const cache = new RedisCache(client, (outcome) => outcomes.push(outcome));
    down();
    await expect(cache.get('a')).resolves.toBeNull();
    await expect(cache.getMany(['a', 'b'])).resolves.toEqual([null, null]);
    await expect(cache.set('a', 'v', 10)).resolves.toBeUndefined();
    await expect(cache.delete('a')).resolves.toBeUndefined();
    expect(outcomes).toEqual(['error', 'error']);
    expect(await cache.status()).toBe('degraded');
  });

  it('is ok while Redis answers PING', async () => {
    const { client } = stubRedis();
    expect(await new RedisCache(client).status()).toBe('ok');
  });

  it('leaves the client to whoever made it: close() does not disconnect', async () => {
    const { redis, client } = stubRedis();
    await new RedisCache(client).close();
    expect(await new RedisCache(client).get('still-usable')).toBeNull();
    expect(redis.get).toHaveBeenCalledWith('still-usable');
  });
});
