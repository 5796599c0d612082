import { Redis } from 'ioredis';

/**
 * A new ioredis client for BullMQ (a Queue, a Worker: each its own). BullMQ requires
 * `maxRetriesPerRequest: null` (its blocking commands must wait through reconnects) and an
 * offline queue (commands issued while Redis reconnects are sent once it is back), the
 * opposite of the cache's fail-fast client (src/cache/redis-client.ts). ioredis 6 speaks RESP3
 * by default; BullMQ 6.7.0 runs job schedulers, retries and jobId dedupe on it, so no
 * `protocol: 2` is needed. Whoever creates the client closes it.
 */
export function bullConnection(redisUrl: string, options: BullConnectionOptions = {}): Redis {
  const keepTrying = options.keepTrying ?? (() => true);
  return new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    // BullMQ duplicates this client for its blocking reads, with these options: the duplicates
    // stop reconnecting too once the owner says so (null ends ioredis's retries).
    retryStrategy: (attempt) => (keepTrying() ? Math.min(attempt * 200, 2000) : null),
  });
}

export interface BullConnectionOptions {
  /** Asked before each reconnect: false once the owner closed, so a Redis that is away cannot keep the process alive. */
  keepTrying?: () => boolean;
}
