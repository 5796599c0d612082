import type { Redis } from 'ioredis';
import { AccountStoreUnavailableError } from './errors';

/**
 * Runs store operations on a Redis client that queues nothing offline: waits (briefly) for a
 * client that is still connecting, and turns any failure into AccountStoreUnavailableError
 * (503) — a store is no cache, so "Redis is away" must never read as "no such record".
 */
export class RedisStoreConnection {
  constructor(
    private readonly redis: Redis,
    /** How long an operation waits for a (re)connecting Redis before it gives up. */
    private readonly readyTimeoutMs = 2000,
  ) {}

  async run<T>(op: (redis: Redis) => Promise<T>): Promise<T> {
    try {
      if (this.redis.status !== 'ready') await this.ready();
      return await op(this.redis);
    } catch (err) {
      throw new AccountStoreUnavailableError((err as Error).message);
    }
  }

  /**
   * A page of JSON records kept one per key and listed by a sorted set of ids (by creation
   * time). An id whose record is gone (deleted between the two reads) is skipped.
   */
  listIndexed<T>(indexKey: string, keyOf: (id: string) => string, offset: number, limit: number): Promise<{ total: number; items: T[] }> {
    return this.run(async (redis) => {
      const [total, ids] = await Promise.all([redis.zcard(indexKey), redis.zrange(indexKey, String(offset), String(offset + limit - 1))]);
      if (ids.length === 0) return { total, items: [] };
      const values = await redis.mget(ids.map(keyOf));
      return { total, items: values.flatMap((json) => (json === null ? [] : [JSON.parse(json) as T])) };
    });
  }

  private ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis is not ready (${this.redis.status})`));
      }, this.readyTimeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', onReady);
    });
  }
}
