import type { Redis } from 'ioredis';
import { RedisStoreConnection } from '../accounts/redis-store';
import { cacheKeys } from '../cache/keys';
import type { StoredWebhook, WebhookStore } from './webhook-store';

/** Webhooks in Redis: one JSON value per webhook and the ids by creation time, like the accounts. */
export class RedisWebhookStore implements WebhookStore {
  private readonly connection: RedisStoreConnection;

  constructor(redis: Redis) {
    this.connection = new RedisStoreConnection(redis);
  }

  async create(webhook: StoredWebhook): Promise<void> {
    await this.connection.run((redis) =>
      redis.multi().set(cacheKeys.webhook(webhook.id), JSON.stringify(webhook)).zadd(cacheKeys.webhookIndex(), Date.parse(webhook.createdAt), webhook.id).exec(),
    );
  }

  get(id: string): Promise<StoredWebhook | null> {
    return this.connection.run(async (redis) => {
      const json = await redis.get(cacheKeys.webhook(id));
      return json === null ? null : (JSON.parse(json) as StoredWebhook);
    });
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredWebhook[] }> {
    return this.connection.listIndexed(cacheKeys.webhookIndex(), cacheKeys.webhook, offset, limit);
  }

  replace(webhook: StoredWebhook): Promise<boolean> {
    return this.connection.run(async (redis) => (await redis.set(cacheKeys.webhook(webhook.id), JSON.stringify(webhook), 'XX')) === 'OK');
  }

  delete(id: string): Promise<boolean> {
    return this.connection.run(async (redis) => {
      const [[, removed] = [null, 0]] = (await redis.multi().del(cacheKeys.webhook(id)).zrem(cacheKeys.webhookIndex(), id).exec()) ?? [];
      return removed === 1;
    });
  }
}
