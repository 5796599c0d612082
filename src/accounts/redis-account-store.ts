import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';
import type { StoredAccount } from './account';
import type { AccountStore } from './account-store';

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
 * docs/deployment.md). Failures are thrown, not turned into misses: a store is no cache.
 */
export class RedisAccountStore implements AccountStore {
  constructor(private readonly redis: Redis) {}

  async create(account: StoredAccount): Promise<boolean> {
    const created = await this.redis.eval(
      CREATE,
      2,
      cacheKeys.account(account.id),
      cacheKeys.accountIndex(),
      JSON.stringify(account),
      Date.parse(account.createdAt),
      account.id,
    );
    return created === 1;
  }

  async get(id: string): Promise<StoredAccount | null> {
    const json = await this.redis.get(cacheKeys.account(id));
    return json === null ? null : (JSON.parse(json) as StoredAccount);
  }

  async list(offset: number, limit: number): Promise<{ total: number; items: StoredAccount[] }> {
    const [total, ids] = await Promise.all([
      this.redis.zcard(cacheKeys.accountIndex()),
      this.redis.zrange(cacheKeys.accountIndex(), String(offset), String(offset + limit - 1)),
    ]);
    if (ids.length === 0) return { total, items: [] };
    const values = await this.redis.mget(ids.map((id) => cacheKeys.account(id)));
    // An id whose value is gone (deleted between the two reads) is skipped.
    const items = values.flatMap((json) => (json === null ? [] : [JSON.parse(json) as StoredAccount]));
    return { total, items };
  }

  async replace(account: StoredAccount): Promise<boolean> {
    return (await this.redis.set(cacheKeys.account(account.id), JSON.stringify(account), 'XX')) === 'OK';
  }

  async delete(id: string): Promise<boolean> {
    const results = await this.redis.multi().del(cacheKeys.account(id)).zrem(cacheKeys.accountIndex(), id).exec();
    return results?.[0]?.[1] === 1;
  }
}
