import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';
import type { StoredAccount } from './account';
import type { AccountStore } from './account-store';
import { AccountStoreUnavailableError } from './errors';

/** Writes the account and indexes it only if the id is free, atomically (two instances may race). */
const CREATE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0`;

/**
 * Accounts in Redis: one JSON value per account and a sorted set of ids by creation time.
 * Unlike cache entries they never expire; Redis must keep them (AOF, noeviction: see
 * docs/deployment.md). A store is no cache: while Redis is away, operations fail with
 * AccountStoreUnavailableError (503) instead of answering "no such account".
 */
export class RedisAccountStore implements AccountStore {
  constructor(
    private readonly redis: Redis,
    /** How long an operation waits for a (re)connecting Redis before it gives up. */
    private readonly readyTimeoutMs = 2000,
  ) {}

  create(account: StoredAccount): Promise<boolean> {
    return this.run(async (redis) => {
      const created = await redis.eval(CREATE, 2, cacheKeys.account(account.id), cacheKeys.accountIndex(), JSON.stringify(account), Date.parse(account.createdAt), account.id);
      return created === 1;
    });
  }

  get(id: string): Promise<StoredAccount | null> {
    return this.run(async (redis) => {
      const json = await redis.get(cacheKeys.account(id));
      return json === null ? null : (JSON.parse(json) as StoredAccount);
    });
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredAccount[] }> {
    return this.run(async (redis) => {
      const [total, ids] = await Promise.all([
        redis.zcard(cacheKeys.accountIndex()),
        redis.zrange(cacheKeys.accountIndex(), String(offset), String(offset + limit - 1)),
      ]);
      if (ids.length === 0) return { total, items: [] };
      const values = await redis.mget(ids.map((id) => cacheKeys.account(id)));
      // An id whose value is gone (deleted between the two reads) is skipped.
      return { total, items: values.flatMap((json) => (json === null ? [] : [JSON.parse(json) as StoredAccount])) };
    });
  }

  replace(account: StoredAccount): Promise<boolean> {
    return this.run(async (redis) => (await redis.set(cacheKeys.account(account.id), JSON.stringify(account), 'XX')) === 'OK');
  }

  delete(id: string): Promise<boolean> {
    return this.run(async (redis) => {
      const results = await redis.multi().del(cacheKeys.account(id)).zrem(cacheKeys.accountIndex(), id).exec();
      return results?.[0]?.[1] === 1;
    });
  }

  /** Waits for a connecting Redis (the client queues nothing offline), then runs `op`. */
  private async run<T>(op: (redis: Redis) => Promise<T>): Promise<T> {
    try {
      if (this.redis.status !== 'ready') await this.ready();
      return await op(this.redis);
    } catch (err) {
      throw new AccountStoreUnavailableError((err as Error).message);
    }
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
