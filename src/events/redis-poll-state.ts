import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';
import { RedisStoreConnection } from '../accounts/redis-store';
import type { PollState, PollStateStore, SeenChange } from './poll-state';

/** UIDLs per SADD/SREM: a baseline of 100,000 messages is written in pieces, not one huge command. */
const CHUNK = 1000;

/**
 * Poll states in Redis: the state as JSON and the seen-set as a set, per account, shared by
 * every instance (any instance may run any account's poll). Stored, never expiring; a Redis
 * outage fails the operation (503-style) rather than reading as "nothing seen yet", which
 * would report a mailbox's every message again.
 */
export class RedisPollStateStore implements PollStateStore {
  private readonly connection: RedisStoreConnection;

  constructor(redis: Redis) {
    this.connection = new RedisStoreConnection(redis);
  }

  state(accountId: string): Promise<PollState | null> {
    return this.connection.run(async (redis) => parse(await redis.get(cacheKeys.pollState(accountId))));
  }

  states(accountIds: readonly string[]): Promise<Map<string, PollState>> {
    return this.connection.run(async (redis) => {
      const found = new Map<string, PollState>();
      if (accountIds.length === 0) return found;
      const values = await redis.mget(accountIds.map(cacheKeys.pollState));
      values.forEach((json, i) => {
        const state = parse(json);
        if (state) found.set(accountIds[i]!, state);
      });
      return found;
    });
  }

  seen(accountId: string): Promise<Set<string>> {
    return this.connection.run(async (redis) => new Set(await redis.smembers(cacheKeys.pollSeen(accountId))));
  }

  advance(accountId: string, change: SeenChange, state: PollState): Promise<void> {
    return this.connection.run(async (redis) => {
      const key = cacheKeys.pollSeen(accountId);
      const multi = redis.multi();
      for (let i = 0; i < change.add.length; i += CHUNK) multi.sadd(key, ...change.add.slice(i, i + CHUNK));
      for (let i = 0; i < change.remove.length; i += CHUNK) multi.srem(key, ...change.remove.slice(i, i + CHUNK));
      multi.set(cacheKeys.pollState(accountId), JSON.stringify(state));
      const results = await multi.exec();
      const failed = results?.find(([err]) => err !== null)?.[0];
      if (failed) throw failed;
    });
  }

  setState(accountId: string, state: PollState): Promise<void> {
    return this.connection.run(async (redis) => {
      await redis.set(cacheKeys.pollState(accountId), JSON.stringify(state));
    });
  }

  delete(accountId: string): Promise<void> {
    return this.connection.run(async (redis) => {
      await redis.del(cacheKeys.pollState(accountId), cacheKeys.pollSeen(accountId));
    });
  }

}

function parse(json: string | null): PollState | null {
  return json === null ? null : (JSON.parse(json) as PollState);
}
