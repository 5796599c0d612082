import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';
import { RedisStoreConnection } from '../accounts/redis-store';
import type { PollState, PollStateStore, SeenChange } from './poll-state';

/**
 * Moves the seen-set and writes the state in one step, only while the account exists: a poll
 * that ran on when its account was deleted (on another instance) leaves nothing behind.
 * ARGV: state JSON, the number of UIDLs to add, those, then the UIDLs to remove. UIDLs go to
 * SADD/SREM in pieces of 1000 (Lua's unpack has a limit).
 */
const ADVANCE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local adds = tonumber(ARGV[2])
local function apply(command, from, to)
  for i = from, to, 1000 do
    redis.call(command, KEYS[2], unpack(ARGV, i, math.min(i + 999, to)))
  end
end
apply('SADD', 3, 2 + adds)
apply('SREM', 3 + adds, #ARGV)
if ARGV[1] ~= '' then redis.call('SET', KEYS[3], ARGV[1]) end
return 1`;

/** UIDLs per EVAL: a baseline of 100,000 messages goes in pieces (the state with the last one). */
const PIECE = 5000;

/** Writes the state only while the account exists (see ADVANCE). */
const SET_STATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1`;

/**
 * Poll states in Redis: the state as JSON and the seen-set as a set, per account, shared by
 * every instance (any instance may run any account's poll). Written only while the account
 * (src/accounts/redis-account-store.ts, the same Redis) exists. Stored, never expiring; a Redis
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
      const keys = [cacheKeys.account(accountId), cacheKeys.pollSeen(accountId), cacheKeys.pollState(accountId)];
      // Only a baseline is large; a crash between its pieces leaves it unfinished (baselined
      // false), and the next poll records it again.
      for (let i = PIECE; i < change.add.length; i += PIECE) {
        await redis.eval(ADVANCE, keys.length, ...keys, '', PIECE, ...change.add.slice(i - PIECE, i));
      }
      const last = change.add.slice(Math.floor(Math.max(0, change.add.length - 1) / PIECE) * PIECE);
      await redis.eval(ADVANCE, keys.length, ...keys, JSON.stringify(state), last.length, ...last, ...change.remove);
    });
  }

  setState(accountId: string, state: PollState): Promise<void> {
    return this.connection.run(async (redis) => {
      await redis.eval(SET_STATE, 2, cacheKeys.account(accountId), cacheKeys.pollState(accountId), JSON.stringify(state));
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
