import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';

/**
 * Consume mode (`poll.deleteAfterDelivery`): the UIDLs of an account whose `message.received`
 * every subscribed webhook acknowledged with 2xx. Webhook delivery adds to it; the account's
 * next poll DELEs them on its own session (whose listing holds the UIDL) and removes them only
 * after QUIT answered +OK. A UIDL never added is never deleted.
 */
export interface ConsumeQueue {
  add(account: string, uid: string): Promise<void>;
  /** Up to `limit` UIDLs waiting for deletion. */
  pending(account: string, limit: number): Promise<string[]>;
  remove(account: string, uids: readonly string[]): Promise<void>;
  /** The account is gone: forget its queue. */
  clear(account: string): Promise<void>;
}

export class MemoryConsumeQueue implements ConsumeQueue {
  private readonly queues = new Map<string, Set<string>>();

  add(account: string, uid: string): Promise<void> {
    let queue = this.queues.get(account);
    if (!queue) this.queues.set(account, (queue = new Set()));
    queue.add(uid);
    return Promise.resolve();
  }

  pending(account: string, limit: number): Promise<string[]> {
    return Promise.resolve([...(this.queues.get(account) ?? [])].slice(0, limit));
  }

  remove(account: string, uids: readonly string[]): Promise<void> {
    const queue = this.queues.get(account);
    for (const uid of uids) queue?.delete(uid);
    return Promise.resolve();
  }

  clear(account: string): Promise<void> {
    this.queues.delete(account);
    return Promise.resolve();
  }
}

/** A Redis set per account: survives restarts, shared by every instance. */
export class RedisConsumeQueue implements ConsumeQueue {
  constructor(private readonly redis: Redis) {}

  async add(account: string, uid: string): Promise<void> {
    await this.redis.sadd(cacheKeys.consumeQueue(account), uid);
  }

  async pending(account: string, limit: number): Promise<string[]> {
    return this.redis.srandmember(cacheKeys.consumeQueue(account), limit);
  }

  async remove(account: string, uids: readonly string[]): Promise<void> {
    if (uids.length > 0) await this.redis.srem(cacheKeys.consumeQueue(account), ...uids);
  }

  async clear(account: string): Promise<void> {
    await this.redis.del(cacheKeys.consumeQueue(account));
  }
}
