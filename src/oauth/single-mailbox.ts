import { createHash } from 'node:crypto';
import type { RedisStoreConnection } from '../accounts/redis-store';
import type { SecretBox } from '../accounts/secret-box';
import { cacheKeys } from '../cache/keys';
import type { SingleMailboxOAuth } from '../config';
import { RedisSharedTokens } from './redis-shared-tokens';
import { TokenEndpoint, type TokenEndpointOptions } from './token-endpoint';
import { memoryRefreshToken, TokenSource, type RefreshTokenKeeper } from './token-source';

/** How often, at most, a refused refresh token (invalid_grant) is tried again in single-mailbox mode. */
export const SINGLE_MAILBOX_REAUTHORIZATION_RETRY_MS = 60_000;

export interface SingleMailboxTokenOptions extends TokenEndpointOptions {
  /** Redis and POPGATE_SECRET: tokens shared by every instance, a rotated refresh token kept across restarts. */
  store?: { redis: RedisStoreConnection; box: SecretBox } | null;
  onKeepFailed?: (error: unknown) => void;
  now?: () => number;
}

/**
 * The token source of the mailbox configured by POP3_OAUTH_*. Its key names the grant (token
 * endpoint, client, user): the same on every instance, so they share one access token.
 */
export function singleMailboxTokenSource(oauth: SingleMailboxOAuth, user: string, options: SingleMailboxTokenOptions): TokenSource {
  const { client } = oauth;
  const key = createHash('sha256').update(`single\0${client.tokenUrl}\0${client.clientId}\0${user}`).digest('hex').slice(0, 32);
  const store = options.store ?? null;
  const refreshTokens = oauth.refreshToken === null ? undefined : store ? new RedisRefreshToken(store.redis, store.box, key, oauth.refreshToken) : memoryRefreshToken(oauth.refreshToken);
  return new TokenSource(key, client.grant, new TokenEndpoint(client, options), {
    timeoutMs: options.timeoutMs,
    refreshTokens,
    shared: store ? new RedisSharedTokens(store.redis, store.box) : null,
    reauthorizationRetryMs: SINGLE_MAILBOX_REAUTHORIZATION_RETRY_MS,
    onKeepFailed: options.onKeepFailed,
    now: options.now,
  });
}

/**
 * The refresh token of POP3_OAUTH_REFRESH_TOKEN, or the newer one the provider rotated it into,
 * kept sealed in Redis. The kept one records which environment value it descends from: when
 * the operator sets a new POP3_OAUTH_REFRESH_TOKEN (a new consent), that one wins again.
 */
export class RedisRefreshToken implements RefreshTokenKeeper {
  private latest: string;
  private readonly origin: string;
  private readonly name: string;

  constructor(
    private readonly redis: RedisStoreConnection,
    private readonly box: SecretBox,
    grant: string,
    configured: string,
  ) {
    this.latest = configured;
    this.origin = createHash('sha256').update(configured).digest('hex');
    this.name = cacheKeys.oauthRefreshToken(grant);
  }

  async load(): Promise<string> {
    try {
      const sealed = await this.redis.run((r) => r.get(this.name));
      if (sealed !== null) {
        const kept = JSON.parse(this.box.open(sealed, this.name)) as { refreshToken: string; origin: string };
        if (kept.origin === this.origin) this.latest = kept.refreshToken;
      }
    } catch {
      // Redis away or a value we cannot open: the newest token this process knows.
    }
    return this.latest;
  }

  async save(refreshToken: string): Promise<void> {
    this.latest = refreshToken;
    await this.redis.run((r) => r.set(this.name, this.box.seal(JSON.stringify({ refreshToken, origin: this.origin }), this.name)));
  }
}
