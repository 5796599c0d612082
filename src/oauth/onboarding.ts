import * as oidc from 'openid-client';
import type { AccountRegistry } from '../accounts/account-registry';
import type { SecretBox } from '../accounts/secret-box';
import { InvalidRequestError } from '../http/problems/http-errors';
import type { Account } from '../models/account';
import { OAuthReauthorizationRequiredError } from './errors';
import type { OAuthApps } from '../config';
import { resolveOAuthClient, type OAuthClient } from './profiles';
import { classify, oauthConfiguration } from './token-endpoint';

/** A provider whose consent page the gateway can send a user to. */
export type ConsentProvider = 'gmail' | 'outlook';

/** The gateway's own app with a provider, its profile applied. */
export interface OnboardingApp {
  client: OAuthClient;
  /** Microsoft's directory the app signs users in from; stored with the account. */
  tenant?: string;
}

export interface OnboardingOptions {
  registry: AccountRegistry;
  /** Seals the `state` (POPGATE_SECRET): it carries the account, the provider and the PKCE verifier. */
  box: SecretBox;
  /** OAUTH_REDIRECT_URL: this gateway's /oauth2/callback as the provider sends browsers to it. */
  redirectUrl: string;
  apps: Partial<Record<ConsentProvider, OnboardingApp>>;
  timeoutMs: number;
  /** Tests reach their fake authorization server with it; production uses Node's fetch. */
  fetch?: oidc.CustomFetch;
  now?: () => number;
}

/** How long a consent link stays good: long enough to sign in and click Allow. */
const STATE_TTL_MS = 15 * 60_000;
/** The additional data states are sealed under: a sealed account secret never opens as a state, nor the reverse. */
const STATE_AAD = 'popgate:oauth2-state';

interface ConsentState {
  account: string;
  provider: ConsentProvider;
  verifier: string;
  expiresAt: number;
}

/**
 * The authorization code flow with PKCE (RFC 7636, S256) that gives a registered account its
 * refresh token: a consent link whose `state` is sealed with POPGATE_SECRET (so it is bound to
 * one account, cannot be forged or altered, and works on whichever instance the provider
 * sends the browser back to), then the code exchanged at the token endpoint.
 */
export class Onboarding {
  private readonly now: () => number;

  constructor(private readonly options: OnboardingOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The provider's consent page for `accountId`.
   * @throws InvalidRequestError (no app for the provider, not an OAuth2 account of it), AccountNotFoundError
   */
  async authorizationUrl(provider: ConsentProvider, accountId: string): Promise<URL> {
    const app = this.appFor(provider);
    const account = await this.options.registry.get(accountId);
    if (account.pop3.oauth2?.provider !== provider) {
      throw new InvalidRequestError(`account ${accountId} is not an OAuth2 account of provider ${provider} (register it with pop3.oauth2.provider "${provider}")`, 'account');
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const state: ConsentState = { account: accountId, provider, verifier, expiresAt: this.now() + STATE_TTL_MS };
    const parameters: Record<string, string> = {
      redirect_uri: this.options.redirectUrl,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: this.options.box.seal(JSON.stringify(state), STATE_AAD),
      // The mailbox's address, so the provider offers the right account.
      login_hint: account.pop3.user.replace(/^recent:/, ''),
      ...app.client.authorizationParameters,
    };
    if (app.client.scope !== null) parameters.scope = app.client.scope;
    return oidc.buildAuthorizationUrl(this.configurationOf(app), parameters);
  }

  /**
   * The provider sent the browser back: exchange the code (with the PKCE verifier) and store
   * the refresh token in the account named by the state.
   * @throws InvalidRequestError (no or bad state, consent refused, code refused), AccountNotFoundError,
   *   OAuthClientRefusedError, TokenEndpointUnavailableError
   */
  async complete(query: Record<string, string | undefined>): Promise<Account> {
    const state = this.openState(query.state);
    if (query.error !== undefined) {
      throw new InvalidRequestError(`the provider did not grant access (${safeCode(query.error)}); start again at GET /oauth2/authorize`, 'error');
    }
    if (query.code === undefined || query.code === '') throw new InvalidRequestError('code is missing: this URL is for the provider to send the browser back to', 'code');
    const app = this.appFor(state.provider);
    const callback = new URL(this.options.redirectUrl);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) callback.searchParams.set(name, value);
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(this.configurationOf(app), callback, { pkceCodeVerifier: state.verifier, expectedState: query.state });
    } catch (err) {
      const sorted = classify(err);
      if (sorted instanceof OAuthReauthorizationRequiredError) throw new InvalidRequestError('the provider refused the code (invalid_grant: used, expired, or issued for another verifier); start again at GET /oauth2/authorize', 'code');
      throw sorted;
    }
    const refreshToken = tokens.refresh_token;
    if (refreshToken === undefined || refreshToken === '') {
      throw new InvalidRequestError('the provider issued no refresh token (Microsoft: the offline_access scope; Google: access_type=offline with prompt=consent); start again at GET /oauth2/authorize', 'code');
    }
    return this.options.registry.authorize(state.account, refreshToken, { clientId: app.client.clientId, ...(app.tenant === undefined ? {} : { tenant: app.tenant }) });
  }

  private openState(sealed: string | undefined): ConsentState {
    let state: ConsentState;
    try {
      state = JSON.parse(this.options.box.open(sealed ?? '', STATE_AAD)) as ConsentState;
    } catch {
      throw new InvalidRequestError('state is not one this gateway issued (altered, or sealed under another POPGATE_SECRET); start again at GET /oauth2/authorize', 'state');
    }
    if (this.now() > state.expiresAt) throw new InvalidRequestError('state has expired (consent links last 15 minutes); start again at GET /oauth2/authorize', 'state');
    return state;
  }

  private appFor(provider: ConsentProvider): OnboardingApp {
    const app = this.options.apps[provider];
    if (!app) throw new InvalidRequestError(`this gateway has no ${provider} app: set OAUTH_${provider.toUpperCase()}_CLIENT_ID and _CLIENT_SECRET`, 'provider');
    return app;
  }

  private configurationOf(app: OnboardingApp): oidc.Configuration {
    return oauthConfiguration(app.client, { timeoutMs: this.options.timeoutMs, fetch: this.options.fetch });
  }
}

function safeCode(code: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unrecognised error';
}

/** The gateway's apps (OAUTH_GMAIL_*, OAUTH_OUTLOOK_*) with their providers' profiles applied. */
export function onboardingApps(apps: OAuthApps): Partial<Record<ConsentProvider, OnboardingApp>> {
  const found: Partial<Record<ConsentProvider, OnboardingApp>> = {};
  for (const provider of ['gmail', 'outlook'] as const) {
    const app = apps[provider];
    if (!app) continue;
    // The refresh token is what consent produces; the profile only needs to know one will exist.
    const client = resolveOAuthClient({ provider, clientId: app.clientId, clientSecret: app.clientSecret, tenant: app.tenant, refreshToken: 'from-consent' });
    found[provider] = { client, ...(provider === 'outlook' ? { tenant: app.tenant } : {}) };
  }
  return found;
}
