import type { AccessTokenSource } from '../pop3/types';
import { OAuthReauthorizationRequiredError, TokenEndpointUnavailableError } from './errors';
import type { OAuthGrant } from './profiles';
import type { GrantedToken, TokenGrants } from './token-endpoint';

/** An access token and when to stop using it (epoch ms, on the source's clock). */
export interface IssuedToken {
  accessToken: string;
  expiresAt: number;
  /** min(60 s, a tenth of its lifetime) before expiresAt: later callers get a new one. */
  refreshAt: number;
}

/** Where the refresh token lives, so a rotated one replaces it (in Redis, in an account, or in memory). */
export interface RefreshTokenKeeper {
  /** The newest refresh token. */
  load(): Promise<string>;
  /** The endpoint rotated it: keep `refreshToken` instead. */
  save(refreshToken: string): Promise<void>;
}

/**
 * Access tokens shared by every instance (Redis): one refresh per mailbox at a time under a
 * lock, the result readable by the others. Values are sealed by the implementation.
 */
export interface SharedTokens {
  read(key: string): Promise<IssuedToken | null>;
  write(key: string, token: IssuedToken): Promise<void>;
  /** The refresh lock for `ttlMs`, or null when another instance holds it; resolves to its release. */
  lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | null>;
}

export interface TokenSourceOptions {
  /** POP3_TIMEOUT_MS: how long a caller waits for another instance's refresh. */
  timeoutMs: number;
  /** Needed by the refresh_token grant. */
  refreshTokens?: RefreshTokenKeeper;
  /** With Redis: one refresh across instances. */
  shared?: SharedTokens | null;
  /**
   * After invalid_grant, how long the endpoint is left alone (every login fails at once with
   * OAuthReauthorizationRequiredError meanwhile). Default: until this source is replaced.
   */
  reauthorizationRetryMs?: number;
  /** The token endpoint said invalid_grant (an account's status turns authentication_failed). */
  onReauthorizationRequired?: (error: OAuthReauthorizationRequiredError) => void;
  /** A rotated refresh token could not be kept (its keeper failed): worth a log line, not a failed request. */
  onKeepFailed?: (error: unknown) => void;
  /** The token clock (epoch ms); tests move it across token lifetimes. */
  now?: () => number;
}

/** RFC 6749 calls expires_in RECOMMENDED; both profiles' providers send it. Without it: an hour, as theirs. */
const ASSUMED_LIFETIME_S = 3600;
const MAX_MARGIN_MS = 60_000;
/** How often a caller looks for the token another instance is fetching. */
const SHARED_POLL_MS = 100;
/** A lock outlives a refresh that takes the whole timeout by this much (the write of its result). */
const LOCK_SLACK_MS = 2000;

/**
 * One mailbox's access tokens: reused until min(60 s, a tenth of their lifetime) before they
 * expire, then refreshed once for every concurrent caller (single-flight) and, with `shared`,
 * once across instances. A rotated refresh token goes to the keeper before the new access
 * token is handed out.
 */
export class TokenSource implements AccessTokenSource {
  private current: IssuedToken | null = null;
  private inFlight: Promise<IssuedToken> | null = null;
  /** The last token a server refused: never handed out again, even if another instance shares it. */
  private refusedToken: string | null = null;
  private reauthorization: { error: OAuthReauthorizationRequiredError; until: number } | null = null;
  private readonly now: () => number;

  constructor(
    readonly key: string,
    private readonly grant: OAuthGrant,
    private readonly grants: TokenGrants,
    private readonly options: TokenSourceOptions,
  ) {
    if (grant === 'refresh_token' && !options.refreshTokens) throw new Error('the refresh_token grant needs a refresh token keeper');
    this.now = options.now ?? Date.now;
  }

  /** @throws OAuthReauthorizationRequiredError, OAuthClientRefusedError, TokenEndpointUnavailableError */
  async accessToken(): Promise<string> {
    const current = this.current;
    if (current && this.usable(current)) return current.accessToken;
    this.inFlight ??= this.obtain().finally(() => (this.inFlight = null));
    return (await this.inFlight).accessToken;
  }

  refused(token: string): void {
    this.refusedToken = token;
    if (this.current?.accessToken === token) this.current = null;
  }

  private usable(token: IssuedToken): boolean {
    return this.now() < token.refreshAt && token.accessToken !== this.refusedToken;
  }

  private async obtain(): Promise<IssuedToken> {
    const refusal = this.reauthorization;
    if (refusal && this.now() < refusal.until) throw refusal.error;
    this.reauthorization = null;
    const token = this.options.shared ? await this.obtainShared(this.options.shared) : await this.ask();
    this.current = token;
    return token;
  }

  /** Another instance's fresh token, or ours under the lock; without Redis, ours. */
  private async obtainShared(shared: SharedTokens): Promise<IssuedToken> {
    const giveUpAt = Date.now() + this.options.timeoutMs;
    for (;;) {
      const seen = await shared.read(this.key).catch(() => undefined);
      if (seen === undefined) return this.ask(); // Redis away: slower, still correct
      if (seen && this.usable(seen)) return seen;
      const release = await shared.lock(this.key, this.options.timeoutMs + LOCK_SLACK_MS).catch(() => undefined);
      if (release === undefined) return this.ask();
      if (release) {
        try {
          // Whoever held the lock before us may have just written a token.
          const written = await shared.read(this.key).catch(() => null);
          if (written && this.usable(written)) return written;
          const token = await this.ask();
          await shared.write(this.key, token).catch(() => undefined);
          return token;
        } finally {
          await release().catch(() => undefined);
        }
      }
      if (Date.now() >= giveUpAt) {
        throw new TokenEndpointUnavailableError('another instance is refreshing this mailbox\'s token and the token endpoint has not answered within the timeout (POP3_TIMEOUT_MS)');
      }
      await new Promise((resolve) => setTimeout(resolve, SHARED_POLL_MS));
    }
  }

  /** One request to the token endpoint. */
  private async ask(): Promise<IssuedToken> {
    const askedAt = this.now();
    let granted: GrantedToken;
    try {
      if (this.grant === 'client_credentials') {
        granted = await this.grants.clientCredentials();
      } else {
        const keeper = this.options.refreshTokens!;
        const refreshToken = await keeper.load();
        granted = await this.grants.refresh(refreshToken);
        if (granted.refreshToken !== undefined && granted.refreshToken !== refreshToken) {
          // Kept before the access token is used: a crash now loses nothing the endpoint still honours.
          await keeper.save(granted.refreshToken).catch((err: unknown) => this.options.onKeepFailed?.(err));
        }
      }
    } catch (err) {
      if (err instanceof OAuthReauthorizationRequiredError) {
        this.reauthorization = { error: err, until: askedAt + (this.options.reauthorizationRetryMs ?? Infinity) };
        this.options.onReauthorizationRequired?.(err);
      }
      throw err;
    }
    return issued(granted, askedAt);
  }
}

/** Lifetime counted from when the request left, so the token never outlives what we think. */
export function issued(granted: GrantedToken, askedAt: number): IssuedToken {
  const lifetimeMs = Math.max(0, granted.expiresInS ?? ASSUMED_LIFETIME_S) * 1000;
  const expiresAt = askedAt + lifetimeMs;
  return { accessToken: granted.accessToken, expiresAt, refreshAt: expiresAt - Math.min(MAX_MARGIN_MS, lifetimeMs / 10) };
}

/** A refresh token kept in this process only (no Redis or no POPGATE_SECRET: a rotation is lost at restart). */
export function memoryRefreshToken(initial: string): RefreshTokenKeeper {
  let latest = initial;
  return {
    load: () => Promise.resolve(latest),
    save: (refreshToken) => {
      latest = refreshToken;
      return Promise.resolve();
    },
  };
}
