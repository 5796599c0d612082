import { Redis } from 'ioredis';

/**
 * A new ioredis client for BullMQ: its blocking commands and retries need
 * `maxRetriesPerRequest: null` (the gateway's own client fails fast instead). Whoever calls this
 * closes the client.
 */
export function bullConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}
