import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';

/**
 * Where webhook dispatch has read the event log to, and who may dispatch: one instance at a
 * time cluster-wide, so every event is read in order by one reader. The lock expires on its
 * own when its holder dies, and any instance may take it over.
 */
export interface DispatchState {
  /** Takes or renews the lock; false while another instance holds it. */
  hold(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
  /** The cursor dispatch has read through; null before the first dispatch. */
  cursor(): Promise<string | null>;
  advance(cursor: string): Promise<void>;
}

export class MemoryDispatchState implements DispatchState {
  private read: string | null = null;

  hold(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  cursor(): Promise<string | null> {
    return Promise.resolve(this.read);
  }

  advance(cursor: string): Promise<void> {
    this.read = cursor;
    return Promise.resolve();
  }
}

/** Take the lock when free, or renew it when it is ours. */
const HOLD = `
local owner = redis.call('GET', KEYS[1])
if owner == false or owner == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisDispatchState implements DispatchState {
  /** This instance's owner token. */
  private readonly owner = randomUUID();

  constructor(private readonly redis: Redis) {}

  async hold(ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(HOLD, 1, cacheKeys.dispatchLock(), this.owner, String(ttlMs))) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, cacheKeys.dispatchLock(), this.owner);
  }

  cursor(): Promise<string | null> {
    return this.redis.get(cacheKeys.dispatchCursor());
  }

  async advance(cursor: string): Promise<void> {
    await this.redis.set(cacheKeys.dispatchCursor(), cursor);
  }
}
