import type { TlsMode } from '../pop3/types';

/**
 * Provider profiles (README "OAuth2", docs/providers.md): where a provider's POP3 server and
 * token endpoint are, and which scopes its POP3 access needs, so an operator names a provider
 * and a client instead of copying URLs.
 */

export const OAUTH_PROVIDERS = ['gmail', 'outlook', 'generic'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** `refresh_token`: a user consented once; `client_credentials`: app-only access (Microsoft 365). */
export const OAUTH_GRANTS = ['refresh_token', 'client_credentials'] as const;
export type OAuthGrant = (typeof OAUTH_GRANTS)[number];

/** How the client authenticates at the token endpoint: form fields (client_secret_post) or HTTP Basic. */
export type OAuthClientAuth = 'post' | 'basic';

/** An OAuth2 client as configured (environment or a registered account), before the profile fills the gaps. */
export interface OAuthSettings {
  provider: OAuthProvider;
  clientId: string;
  /** Absent: a public client (no client authentication); client_credentials needs one. */
  clientSecret?: string;
  /** Needed by the refresh_token grant. */
  refreshToken?: string;
  /** Microsoft's directory: a tenant id or domain, or `common` / `organizations` (default `common`). */
  tenant?: string;
  grant?: OAuthGrant;
  /** Overrides the profile's token endpoint; `generic` requires it. */
  tokenUrl?: string;
  /** Overrides the profile's scopes (space-separated). */
  scope?: string;
  clientAuth?: OAuthClientAuth;
}

/** Everything needed to ask the token endpoint for an access token. */
export interface OAuthClient {
  provider: OAuthProvider;
  grant: OAuthGrant;
  tokenUrl: string;
  /** The provider's consent page (authorization code flow); null where the profile has none. */
  authorizationUrl: string | null;
  /** Space-separated; null: none sent (the grant's default at the server). */
  scope: string | null;
  clientId: string;
  clientSecret: string | null;
  clientAuth: OAuthClientAuth;
  /** Extra parameters for the consent page (Google: offline access, so a refresh token comes back). */
  authorizationParameters: Readonly<Record<string, string>>;
}

/** Where a provider's POP3 server is. */
export interface Pop3Endpoint {
  host: string;
  port: number;
  tls: TlsMode;
}

/** A setting that cannot work; `field` is the OAuthSettings key, which callers name as a variable or JSON path. */
export class OAuthSettingsError extends Error {
  override readonly name: string = 'OAuthSettingsError';
  constructor(
    readonly field: keyof OAuthSettings,
    message: string,
  ) {
    super(message);
  }
}

interface Profile {
  pop3: Pop3Endpoint | null;
  tokenUrl: ((tenant: string) => string) | null;
  authorizationUrl: ((tenant: string) => string) | null;
  /** Delegated access: what the user consents to. */
  userScope: string | null;
  /** App-only access (client_credentials); null when the provider has none for POP3. */
  appScope: string | null;
  authorizationParameters: Record<string, string>;
}

const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';

const PROFILES: Readonly<Record<OAuthProvider, Profile>> = {
  gmail: {
    pop3: { host: 'pop.gmail.com', port: 995, tls: 'implicit' },
    tokenUrl: () => 'https://oauth2.googleapis.com/token',
    authorizationUrl: () => 'https://accounts.google.com/o/oauth2/v2/auth',
    // Gmail's POP3 and IMAP accept only the full-mail scope.
    userScope: 'https://mail.google.com/',
    appScope: null,
    // Without these Google returns no refresh token (or none on a second consent).
    authorizationParameters: { access_type: 'offline', prompt: 'consent' },
  },
  outlook: {
    pop3: { host: 'outlook.office365.com', port: 995, tls: 'implicit' },
    tokenUrl: (tenant) => `${MICROSOFT_LOGIN}/${tenant}/oauth2/v2.0/token`,
    authorizationUrl: (tenant) => `${MICROSOFT_LOGIN}/${tenant}/oauth2/v2.0/authorize`,
    // offline_access: without it Microsoft issues no refresh token.
    userScope: 'https://outlook.office.com/POP.AccessAsUser.All offline_access',
    appScope: 'https://outlook.office365.com/.default',
    authorizationParameters: {},
  },
  generic: { pop3: null, tokenUrl: null, authorizationUrl: null, userScope: null, appScope: null, authorizationParameters: {} },
};

/** Tenant ids (GUIDs), verified domains and Microsoft's `common` / `organizations` / `consumers`. */
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;
/** Tenants that name no directory: app-only access needs the tenant that granted the app its role. */
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

/** The POP3 server the profile names; null for `generic`. */
export function pop3EndpointOf(provider: OAuthProvider): Pop3Endpoint | null {
  return PROFILES[provider].pop3;
}

/**
 * Fills a client's settings from its provider's profile.
 * @throws OAuthSettingsError naming the setting that cannot work (never echoing a secret).
 */
export function resolveOAuthClient(settings: OAuthSettings): OAuthClient {
  const profile = PROFILES[settings.provider];
  const grant = settings.grant ?? 'refresh_token';
  const tenant = settings.tenant ?? 'common';
  if (!TENANT.test(tenant)) throw new OAuthSettingsError('tenant', 'must be a tenant id, a domain, or common / organizations');
  if (settings.clientId === '') throw new OAuthSettingsError('clientId', 'must not be empty');

  const tokenUrl = settings.tokenUrl ?? profile.tokenUrl?.(tenant);
  if (tokenUrl === undefined) throw new OAuthSettingsError('tokenUrl', 'is required for the generic provider (the token endpoint URL)');
  assertHttpsUrl('tokenUrl', tokenUrl);

  if (grant === 'refresh_token' && (settings.refreshToken ?? '') === '') {
    throw new OAuthSettingsError('refreshToken', 'is required for the refresh_token grant (or use the client_credentials grant)');
  }
  if (grant === 'client_credentials') {
    if ((settings.clientSecret ?? '') === '') throw new OAuthSettingsError('clientSecret', 'is required for the client_credentials grant');
    if (settings.provider === 'gmail') throw new OAuthSettingsError('grant', 'client_credentials is not available for Gmail POP3: use refresh_token');
    if (settings.provider === 'outlook' && settings.tokenUrl === undefined && MULTI_TENANT.has(tenant)) {
      throw new OAuthSettingsError('tenant', `must name your directory (tenant id or domain) for app-only access, not ${tenant}`);
    }
  }
  const scope = settings.scope ?? (grant === 'client_credentials' ? profile.appScope : profile.userScope);
  return {
    provider: settings.provider,
    grant,
    tokenUrl,
    authorizationUrl: profile.authorizationUrl?.(tenant) ?? null,
    scope: scope === null || scope.trim() === '' ? null : scope.trim(),
    clientId: settings.clientId,
    clientSecret: settings.clientSecret === undefined || settings.clientSecret === '' ? null : settings.clientSecret,
    clientAuth: settings.clientAuth ?? 'post',
    authorizationParameters: profile.authorizationParameters,
  };
}

function assertHttpsUrl(field: 'tokenUrl', value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthSettingsError(field, 'must be an https:// URL');
  }
  // Client secrets and refresh tokens travel in the request: never in clear.
  if (url.protocol !== 'https:') throw new OAuthSettingsError(field, 'must be an https:// URL');
}
