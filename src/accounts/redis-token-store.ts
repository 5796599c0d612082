import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';
import { RedisStoreConnection } from './redis-store';
import type { StoredToken, TokenStore } from './token-store';

/** The token whose id the digest key names (ARGV[1]: the token keys' prefix), or nil. */
const FIND_BY_DIGEST = `
local id = redis.call('GET', KEYS[1])
if not id then return nil end
return redis.call('GET', ARGV[1] .. id)`;

/**
 * Tokens in Redis: the token by id, its id by digest (how a request finds it), and the ids by
 * creation time. Every instance reads the same keys on every request, so a revocation or an
 * expiry holds everywhere at once.
 */
export class RedisTokenStore implements TokenStore {
  private readonly connection: RedisStoreConnection;

  constructor(redis: Redis) {
    this.connection = new RedisStoreConnection(redis);
  }

  async create(token: StoredToken): Promise<void> {
    await this.connection.run((redis) =>
      redis
        .multi()
        .set(cacheKeys.token(token.id), JSON.stringify(token))
        .set(cacheKeys.tokenDigest(token.digest), token.id)
        .zadd(cacheKeys.tokenIndex(), Date.parse(token.createdAt), token.id)
        .exec(),
    );
  }

  /** One round trip: every request with a pgt_ token asks this. */
  findByDigest(digest: string): Promise<StoredToken | null> {
    return this.connection.run(async (redis) => {
      const json = (await redis.eval(FIND_BY_DIGEST, 1, cacheKeys.tokenDigest(digest), cacheKeys.token(''))) as string | null;
      return json === null ? null : (JSON.parse(json) as StoredToken);
    });
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredToken[] }> {
    return this.connection.listIndexed(cacheKeys.tokenIndex(), cacheKeys.token, offset, limit);
  }

  delete(id: string): Promise<boolean> {
    return this.connection.run(async (redis) => {
      const json = await redis.get(cacheKeys.token(id));
      if (json === null) return false;
      const { digest } = JSON.parse(json) as StoredToken;
      await redis.multi().del(cacheKeys.token(id)).del(cacheKeys.tokenDigest(digest)).zrem(cacheKeys.tokenIndex(), id).exec();
      return true;
    });
  }
}
