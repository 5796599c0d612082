import type { Socket } from 'node:net';
import type { Request } from 'express';
import type { TokenRegistry } from '../../accounts/token-registry';
import type { TokenScope } from '../../models/token';
import type { Pop3Credentials } from '../../pop3/types';
import { basicCredentials, MAX_AUTHORIZATION_LENGTH } from './basic-credentials';
import { BasicIdentities } from './basic-identities';
import { ConnectionMemo } from './connection-memo';
import type { MailboxIdentity } from '../../pool/mailbox-identity';
import { matchesAnyDigest, matchesAnyToken, tokenDigest, tokenSha256Hex } from './api-tokens';
import type { AccountAccessCache } from '../gateway/account-access-cache';
import { type AuthenticatedCaller, setCaller } from './caller';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from '../problems/http-errors';
import { type LoginLimiter, loginLimiterKey } from './login-limiter';

/** How callers prove who they are (README "Configuration": multi- and single-mailbox mode). */
export type AuthConfig =
  /** Each request carries the POP3 user name and password as HTTP Basic credentials. */
  | { mode: 'multi' }
  /** The mailbox is configured; callers present one of `apiTokens` (plain, or `sha256:<hex>`). */
  | { mode: 'single'; credentials: Pop3Credentials; apiTokens: string[] };

/** Authenticates one request, or throws UnauthorizedError / RateLimitedError. Never does I/O. */
export type Authenticator = (req: Request) => AuthenticatedCaller;

/**
 * The mailbox identity of a request's caller when the request needs nothing but the check
 * itself — well-formed credentials (or an accepted token) and no failed login on record for
 * this client and user — or null when anything else is due (an error to answer, limiter
 * bookkeeping): the Authenticator's path handles those. Never throws, never does I/O. For the
 * fast lane (src/http/gateway/fast-lane.ts), whose memory reads take the identity. What a
 * header value was found to be is remembered on the `connection` that sent it (ConnectionMemo).
 */
export type QuietAuthenticator = (authorization: string | undefined, clientIp: string, connection: Socket) => MailboxIdentity | null;

/** RFC 6750 section 2.1: b64token. */
const BEARER_HEADER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
/** The limiter counts failed tokens per client IP under this name. */
const BEARER_USER = '(bearer)';

/** Every scope a popgate token can hold (README "Registered accounts"). */
export const SCOPES: readonly TokenScope[] = ['accounts:manage', 'messages:read', 'messages:delete', 'events:read'];

/** Who a popgate token speaks for: an admin token (every scope, every account) or a `pgt_` token. */
export interface TokenCaller {
  scopes: readonly TokenScope[];
  /** The one account it reaches, or null for every account. */
  account: string | null;
}

/**
 * Authenticates a popgate token for an operation needing `scopes`: 401 without a live token
 * (unknown, expired, revoked), 403 without the scopes.
 */
export type TokenAuthenticator = (req: Request, scopes: readonly string[]) => Promise<TokenCaller>;

/** The limiter counts failed popgate tokens per client IP under this name. */
const TOKEN_USER = '(token)';

/**
 * `cache`, when given, keeps the grant of every `pgt_` token found live, for the fast lane
 * (src/http/gateway/account-access-cache.ts).
 */
export function createTokenAuthenticator(adminTokens: readonly string[], tokens: TokenRegistry | null, limiter: LoginLimiter, cache?: AccountAccessCache): TokenAuthenticator {
  const admins = adminTokens.map(tokenDigest);
  return async (req, scopes) => {
    const token = bearerToken(req.headers.authorization);
    if (token === null) throw new UnauthorizedError(bearerProblem(req.headers.authorization, 'a popgate token (ADMIN_TOKENS, or one from POST /tokens)'), 'Bearer');
    const key = loginLimiterKey(clientIp(req), TOKEN_USER);
    refuseWhileLimited(limiter, key);
    const found = matchesAnyToken(token, admins) ? ADMIN_GRANT : await findToken(token, tokens, cache);
    if (!found) {
      limiter.recordFailure(key);
      throw new UnauthorizedError('The bearer token is not a live token of this gateway (ADMIN_TOKENS, or one from POST /tokens that has not expired or been revoked).', 'Bearer');
    }
    if (limiter.hasFailures(key)) limiter.reset(key);
    const missing = scopes.filter((scope) => !found.scopes.includes(scope as TokenScope));
    if (missing.length > 0) throw new ForbiddenError(missing);
    return { scopes: found.scopes, account: found.account };
  };
}

const ADMIN_GRANT: TokenCaller = { scopes: SCOPES, account: null };

async function findToken(token: string, tokens: TokenRegistry | null, cache: AccountAccessCache | undefined): Promise<TokenCaller | null> {
  const mark = cache?.mark();
  const found = await tokens?.find(token);
  if (!found) return null;
  if (cache && mark !== undefined) {
    const expiresAtMs = found.expiresAt === null ? null : Date.parse(found.expiresAt);
    cache.rememberToken(mark, tokenSha256Hex(token), { scopes: found.scopes, account: found.account, expiresAtMs });
  }
  return found;
}

/**
 * The fast lane's TokenAuthenticator: the caller of a live popgate token when that is known
 * without I/O — an ADMIN_TOKENS entry, or a `pgt_` token whose grant `cache` holds — with no
 * failed token on record for the client; null for everything else, which the express path
 * decides (and counts). Scopes and the account are the lane's to check.
 */
export type QuietTokenAuthenticator = (authorization: string | undefined, clientIp: string, connection: Socket) => TokenCaller | null;

export function createQuietTokenAuthenticator(adminTokens: readonly string[], cache: AccountAccessCache, limiter: LoginLimiter): QuietTokenAuthenticator {
  const admins = adminTokens.map(tokenDigest);
  const digests = new ConnectionMemo((header) => {
    const token = bearerToken(header);
    return token === null ? null : tokenSha256Hex(token);
  });
  return (authorization, ip, connection) => {
    const digestHex = digests.of(connection, authorization);
    if (digestHex === null || limiter.hasFailuresOf(ip, TOKEN_USER)) return null;
    // A grant is only ever kept for a token that is no admin token (createTokenAuthenticator checks those first).
    const grant = cache.token(digestHex);
    if (grant === undefined) return matchesAnyDigest(Buffer.from(digestHex, 'hex'), admins) ? ADMIN_GRANT : null;
    return grant.expiresAtMs !== null && grant.expiresAtMs <= Date.now() ? null : grant;
  };
}

export function createAuthenticator(config: AuthConfig, limiter: LoginLimiter): Authenticator {
  return config.mode === 'multi' ? basicAuthenticator(limiter) : bearerAuthenticator(config, limiter);
}

/** `identify` is the pool's (MailboxService.identify): the identity the lane's memory reads take. */
export function createQuietAuthenticator(config: AuthConfig, limiter: LoginLimiter, identify: (credentials: Pop3Credentials) => MailboxIdentity): QuietAuthenticator {
  if (config.mode === 'multi') {
    const basic = new BasicIdentities(identify);
    const identities = new ConnectionMemo((header) => basic.of(header));
    return (authorization, ip, connection) => {
      const known = identities.of(connection, authorization);
      return known === null || limiter.hasFailuresOf(ip, known.user) ? null : known.identity;
    };
  }
  const digests = config.apiTokens.map(tokenDigest);
  const identity = identify(config.credentials);
  const accepted = new ConnectionMemo((header) => {
    const token = bearerToken(header);
    return token !== null && matchesAnyToken(token, digests) ? true : null;
  });
  return (authorization, ip, connection) => {
    if (accepted.of(connection, authorization) === null) return null;
    return limiter.hasFailuresOf(ip, BEARER_USER) ? null : identity;
  };
}

function basicAuthenticator(limiter: LoginLimiter): Authenticator {
  return (req) => {
    const credentials = basicCredentials(req.headers.authorization);
    if (typeof credentials === 'string') throw new UnauthorizedError(credentials, 'Basic');
    const key = loginLimiterKey(clientIp(req), credentials.user);
    refuseWhileLimited(limiter, key);
    if (limiter.hasFailures(key)) forgetFailuresOnSuccess(req, limiter, key);
    const caller: AuthenticatedCaller = { credentials, loginFailureKey: key };
    setCaller(req, caller);
    return caller;
  };
}

function bearerAuthenticator(config: Extract<AuthConfig, { mode: 'single' }>, limiter: LoginLimiter): Authenticator {
  if (config.apiTokens.length === 0) throw new Error('single-mailbox mode needs at least one API token');
  const digests = config.apiTokens.map(tokenDigest);
  return (req) => {
    const token = bearerToken(req.headers.authorization);
    if (token === null) throw new UnauthorizedError(bearerProblem(req.headers.authorization), 'Bearer');
    const key = loginLimiterKey(clientIp(req), BEARER_USER);
    refuseWhileLimited(limiter, key);
    if (!matchesAnyToken(token, digests)) {
      limiter.recordFailure(key);
      throw new UnauthorizedError('The bearer token is not one of the API tokens this gateway accepts.', 'Bearer');
    }
    if (limiter.hasFailures(key)) limiter.reset(key);
    // The caller does not own the mailbox password: an upstream refusal is not its failed login.
    const caller: AuthenticatedCaller = { credentials: config.credentials, loginFailureKey: null };
    setCaller(req, caller);
    return caller;
  };
}

function bearerToken(header: string | undefined): string | null {
  const match = header !== undefined && header.length <= MAX_AUTHORIZATION_LENGTH ? BEARER_HEADER.exec(header) : null;
  return match?.[1] ?? null;
}

function bearerProblem(header: string | undefined, which = 'one of the API tokens of this gateway'): string {
  return header === undefined || header === ''
    ? `Send Authorization: Bearer <token> with ${which}.`
    : 'The Authorization header is not a Bearer token: expected "Bearer <token>".';
}

function refuseWhileLimited(limiter: LoginLimiter, key: string): void {
  const retryAfterS = limiter.retryAfterS(key);
  if (retryAfterS > 0) throw new RateLimitedError(retryAfterS);
}

/** Once the upstream accepted the credentials, earlier typos stop counting against them. */
function forgetFailuresOnSuccess(req: Request, limiter: LoginLimiter, key: string): void {
  req.res?.once('finish', () => {
    if (req.res !== undefined && req.res.statusCode < 400) limiter.reset(key);
  });
}

function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
