import type { Redis } from 'ioredis';
import type { Cache, CacheObserver, CacheStatus } from './cache';

/** The Redis calls the cache uses: a narrow slice of ioredis, so tests can hand in a real client or a stub. */
export type RedisLike = Pick<Redis, 'get' | 'mget' | 'set' | 'del' | 'ping' | 'status'>;

/**
 * Redis-backed cache. Every failure is swallowed and reported as a miss: requests go
 * upstream instead, and status() says `degraded` until Redis answers again.
 */
export class RedisCache implements Cache {
  constructor(
    private readonly redis: RedisLike,
    private readonly observe: CacheObserver = () => undefined,
  ) {}

  async get(key: string): Promise<string | null> {
    try {
      const value = await this.redis.get(key);
      this.observe(value === null ? 'miss' : 'hit');
      return value;
    } catch {
      this.observe('error');
      return null;
    }
  }

  async getMany(keys: string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    try {
      const values = await this.redis.mget(...keys);
      for (const v of values) this.observe(v === null ? 'miss' : 'hit');
      return values;
    } catch {
      this.observe('error');
      return keys.map(() => null);
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(key, value, 'EX', ttlSeconds);
    } catch {
      // A lost write only costs a later miss.
    }
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.redis.del(...keys);
    } catch {
      // Callers that must not serve stale data (DELETE) also retire sessions; see MailboxService.
    }
  }

  async status(): Promise<CacheStatus> {
    try {
      return (await this.redis.ping()) === 'PONG' ? 'ok' : 'degraded';
    } catch {
      return 'degraded';
    }
  }

  /** The client belongs to whoever created it (see src/server.ts); nothing to close here. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
