import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';
import type { DeliveryAttempt } from '../models/webhook';

/** How many attempts each webhook's log keeps. */
export const DELIVERY_LOG_SIZE = 100;
/** A webhook's log goes this long after its last attempt (a deleted webhook's log goes with it sooner). */
const DELIVERY_LOG_TTL_S = 30 * 24 * 3600;

/** `GET /webhooks/{id}/deliveries`: each webhook's most recent attempts, newest first. */
export interface DeliveryLog {
  record(webhookId: string, attempt: DeliveryAttempt): Promise<void>;
  recent(webhookId: string, limit: number): Promise<DeliveryAttempt[]>;
  clear(webhookId: string): Promise<void>;
}

export class MemoryDeliveryLog implements DeliveryLog {
  private readonly logs = new Map<string, DeliveryAttempt[]>();

  record(webhookId: string, attempt: DeliveryAttempt): Promise<void> {
    const log = this.logs.get(webhookId) ?? [];
    log.unshift(attempt);
    log.length = Math.min(log.length, DELIVERY_LOG_SIZE);
    this.logs.set(webhookId, log);
    return Promise.resolve();
  }

  recent(webhookId: string, limit: number): Promise<DeliveryAttempt[]> {
    return Promise.resolve((this.logs.get(webhookId) ?? []).slice(0, limit));
  }

  clear(webhookId: string): Promise<void> {
    this.logs.delete(webhookId);
    return Promise.resolve();
  }
}

export class RedisDeliveryLog implements DeliveryLog {
  constructor(private readonly redis: Redis) {}

  async record(webhookId: string, attempt: DeliveryAttempt): Promise<void> {
    const key = cacheKeys.webhookDeliveries(webhookId);
    await this.redis
      .multi()
      .lpush(key, JSON.stringify(attempt))
      .ltrim(key, 0, DELIVERY_LOG_SIZE - 1)
      .expire(key, DELIVERY_LOG_TTL_S)
      .exec();
  }

  async recent(webhookId: string, limit: number): Promise<DeliveryAttempt[]> {
    const entries = await this.redis.lrange(cacheKeys.webhookDeliveries(webhookId), 0, limit - 1);
    return entries.map((json) => JSON.parse(json) as DeliveryAttempt);
  }

  async clear(webhookId: string): Promise<void> {
    await this.redis.del(cacheKeys.webhookDeliveries(webhookId));
  }
}
