import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';

/** An acknowledgement set outlives every retry (about a day) with room to spare. */
const ACKS_TTL_S = 8 * 24 * 3600;

/**
 * Consume mode's bookkeeping: which webhooks a `message.received` was dispatched to, and which
 * of them answered 2xx. Only when every one did may the message be deleted; a webhook that
 * never acknowledges (failing, disabled, deleted) keeps the message on the server.
 */
export interface ConsumeAcks {
  /**
   * Records the webhooks an event is dispatched to. Idempotent: dispatching it again (after a
   * crash) keeps the acknowledgements already recorded.
   */
  expect(eventId: string, webhookIds: readonly string[]): Promise<void>;
  /** Records a 2xx; true exactly when this was the last acknowledgement the event waited for. */
  acknowledge(eventId: string, webhookId: string): Promise<boolean>;
}

export class MemoryConsumeAcks implements ConsumeAcks {
  private readonly acks = new Map<string, Map<string, boolean>>();

  expect(eventId: string, webhookIds: readonly string[]): Promise<void> {
    const acks = this.acks.get(eventId) ?? new Map<string, boolean>();
    for (const id of webhookIds) if (!acks.has(id)) acks.set(id, false);
    this.acks.set(eventId, acks);
    return Promise.resolve();
  }

  acknowledge(eventId: string, webhookId: string): Promise<boolean> {
    const acks = this.acks.get(eventId);
    if (!acks?.has(webhookId) || acks.get(webhookId)) return Promise.resolve(false);
    acks.set(webhookId, true);
    return Promise.resolve([...acks.values()].every(Boolean));
  }
}

/** HSETNX each webhook to 0, keeping any 1 already there. */
const EXPECT = `
for i = 1, #ARGV - 1 do redis.call('HSETNX', KEYS[1], ARGV[i], '0') end
redis.call('EXPIRE', KEYS[1], ARGV[#ARGV])
return 1`;

/** Sets the webhook's field to 1; returns 1 when it was 0 and no field is 0 any more. */
const ACKNOWLEDGE = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= '0' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], '1')
for _, v in ipairs(redis.call('HVALS', KEYS[1])) do if v == '0' then return 0 end end
return 1`;

export class RedisConsumeAcks implements ConsumeAcks {
  constructor(private readonly redis: Redis) {}

  async expect(eventId: string, webhookIds: readonly string[]): Promise<void> {
    if (webhookIds.length > 0) await this.redis.eval(EXPECT, 1, cacheKeys.consumeAcks(eventId), ...webhookIds, String(ACKS_TTL_S));
  }

  async acknowledge(eventId: string, webhookId: string): Promise<boolean> {
    return (await this.redis.eval(ACKNOWLEDGE, 1, cacheKeys.consumeAcks(eventId), webhookId)) === 1;
  }
}
