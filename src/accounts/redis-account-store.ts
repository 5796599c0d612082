import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';
import type { AccountState } from '../models/account';
import type { StoredAccount } from './account';
import type { AccountStore } from './account-store';
import { RedisStoreConnection } from './redis-store';

/** Writes the account and indexes it only if the id is free, atomically (two instances may race). */
const CREATE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0`;

/** Writes ARGV[2] only if the value is still ARGV[1]: a compare-and-set of the whole record. */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** Tries of updateState when other writes keep changing the record under it. */
const SET_STATE_TRIES = 5;

/**
 * Accounts in Redis: one JSON value per account and a sorted set of ids by creation time.
 * Unlike cache entries they never expire; Redis must keep them (AOF, noeviction: see
 * docs/deployment.md). A store is no cache: while Redis is away, operations fail with
 * AccountStoreUnavailableError (503) instead of answering "no such account".
 */
export class RedisAccountStore implements AccountStore {
  private readonly connection: RedisStoreConnection;

  constructor(redis: Redis) {
    this.connection = new RedisStoreConnection(redis);
  }

  create(account: StoredAccount): Promise<boolean> {
    return this.connection.run(async (redis) => {
      const created = await redis.eval(CREATE, 2, cacheKeys.account(account.id), cacheKeys.accountIndex(), JSON.stringify(account), Date.parse(account.createdAt), account.id);
      return created === 1;
    });
  }

  get(id: string): Promise<StoredAccount | null> {
    return this.connection.run(async (redis) => {
      const json = await redis.get(cacheKeys.account(id));
      return json === null ? null : (JSON.parse(json) as StoredAccount);
    });
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredAccount[] }> {
    return this.connection.listIndexed(cacheKeys.accountIndex(), cacheKeys.account, offset, limit);
  }

  replace(account: StoredAccount): Promise<boolean> {
    return this.connection.run(async (redis) => (await redis.set(cacheKeys.account(account.id), JSON.stringify(account), 'XX')) === 'OK');
  }

  updateState(id: string, changes: Partial<AccountState>, ifUpdatedAt: string): Promise<boolean> {
    return this.connection.run(async (redis) => {
      const key = cacheKeys.account(id);
      for (let attempt = 0; attempt < SET_STATE_TRIES; attempt++) {
        const json = await redis.get(key);
        if (json === null) return false;
        const account = JSON.parse(json) as StoredAccount;
        if (account.updatedAt !== ifUpdatedAt) return false;
        // Another write of the state (a poll, say) between the two: read again.
        if ((await redis.eval(COMPARE_AND_SET, 1, key, json, JSON.stringify({ ...account, state: { ...account.state, ...changes } }))) === 1) return true;
      }
      return false;
    });
  }

  delete(id: string): Promise<boolean> {
    return this.connection.run(async (redis) => {
      const results = await redis.multi().del(cacheKeys.account(id)).zrem(cacheKeys.accountIndex(), id).exec();
      return results?.[0]?.[1] === 1;
    });
  }
}
