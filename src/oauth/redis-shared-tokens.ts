import { randomBytes } from 'node:crypto';
import type { RedisStoreConnection } from '../accounts/redis-store';
import type { SecretBox } from '../accounts/secret-box';
import { cacheKeys } from '../cache/keys';
import type { IssuedToken, SharedTokens } from './token-source';

/** Deletes the lock only if it is still ours (it may have expired and been taken by another instance). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Access tokens shared through Redis: sealed with the SecretBox (the key name as additional
 * data, so a value copied under another grant does not open), expiring with the token; a
 * refresh lock per grant (SET NX PX, released only by its holder).
 */
export class RedisSharedTokens implements SharedTokens {
  constructor(
    private readonly redis: RedisStoreConnection,
    private readonly box: SecretBox,
  ) {}

  async read(key: string): Promise<IssuedToken | null> {
    const name = cacheKeys.oauthAccessToken(key);
    const sealed = await this.redis.run((r) => r.get(name));
    if (sealed === null) return null;
    try {
      return JSON.parse(this.box.open(sealed, name)) as IssuedToken;
    } catch {
      // Sealed under a key we no longer hold: as if absent; the next refresh overwrites it.
      return null;
    }
  }

  async write(key: string, token: IssuedToken): Promise<void> {
    const ttlMs = Math.floor(token.expiresAt - Date.now());
    if (ttlMs <= 0) return;
    const name = cacheKeys.oauthAccessToken(key);
    await this.redis.run((r) => r.set(name, this.box.seal(JSON.stringify(token), name), 'PX', ttlMs));
  }

  async lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const name = cacheKeys.oauthRefreshLock(key);
    const holder = randomBytes(16).toString('hex');
    const taken = await this.redis.run((r) => r.set(name, holder, 'PX', ttlMs, 'NX'));
    if (taken !== 'OK') return null;
    return async () => {
      await this.redis.run((r) => r.eval(RELEASE, 1, name, holder));
    };
  }
}
