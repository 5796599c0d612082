import { Redis } from 'ioredis';

/**
 * An ioredis client tuned for a cache in front of a slower source: commands fail fast while
 * Redis is down (no offline queue, short timeouts) and it keeps reconnecting in the background.
 */
export function createRedisClient(url: string, onError: (err: Error) => void = () => undefined): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on('error', onError);
  return client;
}
