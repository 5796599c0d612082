import { createHash } from 'node:crypto';
import type { OAuthApps } from '../config';
import type { AccountOAuth2 } from '../models/account';
import { resolveOAuthClient, type OAuthClient, type OAuthSettings } from './profiles';
import { TokenEndpoint, type TokenEndpointOptions } from './token-endpoint';
import { memoryRefreshToken, TokenSource, type RefreshTokenKeeper, type SharedTokens } from './token-source';
import type { OAuthReauthorizationRequiredError } from './errors';

/** An account's OAuth2 secrets, as sealed with its other secrets. */
export interface AccountOAuth2Secrets {
  /** Absent when the client is the gateway's own app (its secret comes from OAUTH_<PROVIDER>_CLIENT_SECRET) or a public client. */
  clientSecret?: string;
  /** Absent until the owner consented (refresh_token grant). */
  refreshToken?: string;
}

export interface AccountTokenSourcesOptions extends TokenEndpointOptions {
  /** With Redis and POPGATE_SECRET: access tokens shared by every instance. */
  shared: SharedTokens | null;
  /** The gateway's own apps: the client of an account registered without a clientId, and onboarding's. */
  apps: OAuthApps;
  now?: () => number;
}

/** What an account's token source reports back to the registry. */
export interface AccountTokenHooks {
  refreshTokens: RefreshTokenKeeper;
  onReauthorizationRequired(error: OAuthReauthorizationRequiredError): void;
}

/**
 * The token sources of registered OAuth2 accounts, one per account, kept while its OAuth2
 * settings are unchanged: a PATCH of its credentials (a new consent) makes a new one, which
 * also forgets an earlier invalid_grant — the endpoint is not asked again until then.
 */
export class AccountTokenSources {
  private readonly sources = new Map<string, { generation: string; source: TokenSource }>();

  constructor(private readonly options: AccountTokenSourcesOptions) {}

  get apps(): OAuthApps {
    return this.options.apps;
  }

  /**
   * The account's client with its profile applied; the gateway's app fills a missing client id
   * and secret. With no refresh token yet, a placeholder stands in so the rest is still checked.
   * @throws OAuthSettingsError
   */
  clientOf(view: Omit<AccountOAuth2, 'authorized'>, secrets: AccountOAuth2Secrets): OAuthClient {
    return resolveOAuthClient({ ...this.settingsOf(view, secrets), refreshToken: secrets.refreshToken ?? 'awaiting-consent' });
  }

  /** The client id and tenant an account gets when it names none: the gateway's app for its provider. */
  defaultApp(provider: AccountOAuth2['provider']): { clientId: string; tenant: string } | null {
    const app = provider === 'gmail' ? this.options.apps.gmail : provider === 'outlook' ? this.options.apps.outlook : null;
    return app ? { clientId: app.clientId, tenant: app.tenant } : null;
  }

  /** A source for one verification at registration: the refresh token kept in memory, so a rotation during it is not lost. */
  trial(accountId: string, user: string, client: OAuthClient, refreshToken: string | undefined): { source: TokenSource; refreshTokens: RefreshTokenKeeper | undefined } {
    const refreshTokens = refreshToken === undefined ? undefined : memoryRefreshToken(refreshToken);
    const source = new TokenSource(keyOf(accountId, user, client, 'trial'), client.grant, new TokenEndpoint(client, this.options), { timeoutMs: this.options.timeoutMs, refreshTokens, now: this.options.now });
    return { source, refreshTokens };
  }

  /** The long-lived source of a stored account, made again when `generation` (its OAuth2 settings) changed. */
  sourceOf(accountId: string, user: string, generation: string, client: OAuthClient, hooks: AccountTokenHooks): TokenSource {
    const known = this.sources.get(accountId);
    if (known?.generation === generation) return known.source;
    // The generation is part of the key: new credentials get their own pool of sessions (the
    // pool keeps the credentials it was made with) and their own shared token.
    const source = new TokenSource(keyOf(accountId, user, client, generation), client.grant, new TokenEndpoint(client, this.options), {
      timeoutMs: this.options.timeoutMs,
      refreshTokens: client.grant === 'refresh_token' ? hooks.refreshTokens : undefined,
      shared: this.options.shared,
      onReauthorizationRequired: (error) => hooks.onReauthorizationRequired(error),
      now: this.options.now,
    });
    this.sources.set(accountId, { generation, source });
    return source;
  }

  forget(accountId: string): void {
    this.sources.delete(accountId);
  }

  private settingsOf(view: Omit<AccountOAuth2, 'authorized'>, secrets: AccountOAuth2Secrets): OAuthSettings {
    const app = view.provider === 'gmail' ? this.options.apps.gmail : view.provider === 'outlook' ? this.options.apps.outlook : null;
    const appSecret = app !== null && app.clientId === view.clientId ? app.clientSecret : undefined;
    return {
      provider: view.provider,
      clientId: view.clientId,
      clientSecret: secrets.clientSecret ?? appSecret,
      tenant: view.tenant,
      grant: view.grant,
      tokenUrl: view.tokenUrl,
      scope: view.scope,
    };
  }
}

/** Names the grant, the same on every instance (shared tokens), never a secret. */
function keyOf(accountId: string, user: string, client: OAuthClient, generation: string): string {
  return createHash('sha256').update(`account\0${accountId}\0${client.tokenUrl}\0${client.clientId}\0${user}\0${generation}`).digest('hex').slice(0, 32);
}
