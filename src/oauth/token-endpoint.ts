import * as oidc from 'openid-client';
import { OAuthClientRefusedError, OAuthReauthorizationRequiredError, TokenEndpointUnavailableError } from './errors';
import type { OAuthClient } from './profiles';

/** What one grant returned. */
export interface GrantedToken {
  accessToken: string;
  /** `expires_in`; undefined when the endpoint left it out. */
  expiresInS: number | undefined;
  /** A new refresh token when the endpoint rotates them; it replaces the one used. */
  refreshToken?: string;
}

/** The grants a token source asks for; the one seam tests and the Redis-shared source depend on. */
export interface TokenGrants {
  refresh(refreshToken: string): Promise<GrantedToken>;
  clientCredentials(): Promise<GrantedToken>;
}

export interface TokenEndpointOptions {
  /** POP3_TIMEOUT_MS: the whole exchange, body included. */
  timeoutMs: number;
  /**
   * The fetch to use. Production leaves it out: Node's fetch and its trust store
   * (NODE_EXTRA_CA_CERTS adds a CA). Tests pass one that trusts their own CA.
   */
  fetch?: oidc.CustomFetch;
}

/**
 * The token endpoint of one OAuth2 client, spoken through openid-client (no hand-written token
 * HTTP): HTTPS only, client authentication as configured, errors sorted into the three kinds a
 * caller acts on (see ./errors).
 */
export class TokenEndpoint implements TokenGrants {
  readonly configuration: oidc.Configuration;

  constructor(
    private readonly client: OAuthClient,
    options: TokenEndpointOptions,
  ) {
    this.configuration = oauthConfiguration(client, options);
  }

  /** @throws OAuthReauthorizationRequiredError, OAuthClientRefusedError, TokenEndpointUnavailableError */
  async refresh(refreshToken: string): Promise<GrantedToken> {
    // The scope goes along (RFC 6749 §6 allows the consented one): Microsoft's endpoint wants it
    // and would otherwise issue a token for another resource than Exchange's POP.
    return granted(await sorted(() => oidc.refreshTokenGrant(this.configuration, refreshToken, this.scopeParameter())));
  }

  /** @throws OAuthClientRefusedError, TokenEndpointUnavailableError */
  async clientCredentials(): Promise<GrantedToken> {
    return granted(await sorted(() => oidc.clientCredentialsGrant(this.configuration, this.scopeParameter())));
  }

  private scopeParameter(): Record<string, string> {
    return this.client.scope === null ? {} : { scope: this.client.scope };
  }
}

/** openid-client's view of the client: metadata from the profile (no discovery), our fetch with our timeout. */
export function oauthConfiguration(client: OAuthClient, options: TokenEndpointOptions): oidc.Configuration {
  const metadata: oidc.ServerMetadata = {
    issuer: new URL(client.tokenUrl).origin,
    token_endpoint: client.tokenUrl,
    ...(client.authorizationUrl === null ? {} : { authorization_endpoint: client.authorizationUrl }),
  };
  const auth = client.clientSecret === null
    ? oidc.None()
    : client.clientAuth === 'basic' ? oidc.ClientSecretBasic(client.clientSecret) : oidc.ClientSecretPost(client.clientSecret);
  const configuration = new oidc.Configuration(metadata, client.clientId, undefined, auth);
  const base: oidc.CustomFetch = options.fetch ?? ((url, init) => fetch(url, init));
  // openid-client's own timeout counts whole seconds; POP3_TIMEOUT_MS is milliseconds.
  configuration[oidc.customFetch] = async (url, init) => withoutIdToken(await base(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) }));
  return configuration;
}

/**
 * popgate reads no identity claims. A provider adds an id_token when the consent included
 * `openid` (a refresh token made by another tool, say); openid-client would then check its
 * issuer, which at Microsoft names the user's tenant and cannot be known for `common`. It is
 * dropped before openid-client sees the response.
 */
async function withoutIdToken(response: Response): Promise<Response> {
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response;
  const body = (await response.clone().json().catch(() => null)) as Record<string, unknown> | null;
  if (body === null || typeof body !== 'object' || !('id_token' in body)) return response;
  delete body.id_token;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}

function granted(response: oidc.TokenEndpointResponse): GrantedToken {
  return {
    accessToken: response.access_token,
    expiresInS: typeof response.expires_in === 'number' ? response.expires_in : undefined,
    ...(typeof response.refresh_token === 'string' && response.refresh_token !== '' ? { refreshToken: response.refresh_token } : {}),
  };
}

/** Runs a grant; any failure becomes one of ./errors, its message built here (no body, no token). */
async function sorted<T>(grant: () => Promise<T>): Promise<T> {
  try {
    return await grant();
  } catch (err) {
    throw classify(err);
  }
}

/** RFC 6749 §5.2 error codes that mean the client itself is wrong; anything else a server sends is treated as passing. */
const CLIENT_FAULTS = new Set(['invalid_client', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'invalid_request']);

export function classify(err: unknown): Error {
  if (err instanceof oidc.ResponseBodyError) {
    if (err.error === 'invalid_grant') return new OAuthReauthorizationRequiredError();
    if (err.status < 500 && CLIENT_FAULTS.has(err.error)) return new OAuthClientRefusedError(err.error);
    return new TokenEndpointUnavailableError(`the token endpoint answered HTTP ${err.status} (${safeCode(err.error)})`);
  }
  if (isTimeout(err)) return new TokenEndpointUnavailableError('the token endpoint did not answer within the timeout (POP3_TIMEOUT_MS)');
  const status = statusOf(err);
  if (status !== undefined) return new TokenEndpointUnavailableError(`the token endpoint answered HTTP ${status} without a token`);
  return new TokenEndpointUnavailableError(`the token endpoint could not be reached (${networkCode(err)})`);
}

function isTimeout(err: unknown): boolean {
  return causes(err).some((e) => e.name === 'TimeoutError' || e.name === 'AbortError');
}

/** The error and its causes. Duck-typed: errors from Node's own modules may come from another realm than `Error`. */
function causes(err: unknown): Array<{ name?: unknown; code?: unknown }> {
  const chain: Array<{ name?: unknown; code?: unknown; cause?: unknown }> = [];
  for (let e: unknown = err; typeof e === 'object' && e !== null && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  return chain;
}

/** The HTTP status of a reply openid-client could not use (it keeps the Response as the cause). */
function statusOf(err: unknown): number | undefined {
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof Response ? cause.status : undefined;
}

/** A system error code (ECONNREFUSED, CERT_HAS_EXPIRED …) from the error's causes; never a message that could quote a URL. */
function networkCode(err: unknown): string {
  const code = causes(err).map((e) => e.code).find((c) => typeof c === 'string' && /^[A-Z0-9_]+$/.test(c));
  return typeof code === 'string' ? code : 'network error';
}

/** An error code as the endpoint sent it, if it looks like one (RFC 6749 allows only %x20-21 / %x23-5B / %x5D-7E). */
function safeCode(code: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unrecognised error';
}
