import type { Request } from 'express';
import type { TokenRegistry } from '../../accounts/token-registry';
import type { TokenScope } from '../../models/token';
import type { Pop3Credentials } from '../../pop3/types';
import { matchesAnyDigest, matchesAnyToken, tokenDigest, tokenSha256 } from './api-tokens';
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
 * The caller of a request that needs nothing but the check itself — well-formed credentials
 * (or an accepted token) and no failed login on record for this client and user — or null
 * when anything else is due (an error to answer, limiter bookkeeping): the Authenticator's
 * path handles those. Never throws, never does I/O. For the fast lane (src/http/gateway/fast-lane.ts).
 */
export type QuietAuthenticator = (authorization: string | undefined, clientIp: string) => AuthenticatedCaller | null;

/** Longer Authorization headers are refused unread: no real credential needs 4 KiB. */
const MAX_AUTHORIZATION_LENGTH = 4096;
const BASIC_HEADER = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i;
/** RFC 6750 section 2.1: b64token. */
const BEARER_HEADER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
/** They would let a caller inject a second POP3 command line. */
const LINE_BREAKING = /[\r\n\0]/;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
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
    cache.rememberToken(mark, tokenSha256(token).toString('hex'), { scopes: found.scopes, account: found.account, expiresAtMs });
  }
  return found;
}

/**
 * The fast lane's TokenAuthenticator: the caller of a live popgate token when that is known
 * without I/O — an ADMIN_TOKENS entry, or a `pgt_` token whose grant `cache` holds — with no
 * failed token on record for the client; null for everything else, which the express path
 * decides (and counts). Scopes and the account are the lane's to check.
 */
export type QuietTokenAuthenticator = (authorization: string | undefined, clientIp: string) => TokenCaller | null;

export function createQuietTokenAuthenticator(adminTokens: readonly string[], cache: AccountAccessCache, limiter: LoginLimiter): QuietTokenAuthenticator {
  const admins = adminTokens.map(tokenDigest);
  return (authorization, ip) => {
    const token = bearerToken(authorization);
    if (token === null || limiter.hasFailures(loginLimiterKey(ip, TOKEN_USER))) return null;
    const digest = tokenSha256(token);
    if (matchesAnyDigest(digest, admins)) return ADMIN_GRANT;
    const grant = cache.token(digest.toString('hex'));
    if (grant === undefined || (grant.expiresAtMs !== null && grant.expiresAtMs <= Date.now())) return null;
    return grant;
  };
}

export function createAuthenticator(config: AuthConfig, limiter: LoginLimiter): Authenticator {
  return config.mode === 'multi' ? basicAuthenticator(limiter) : bearerAuthenticator(config, limiter);
}

export function createQuietAuthenticator(config: AuthConfig, limiter: LoginLimiter): QuietAuthenticator {
  if (config.mode === 'multi') {
    return (authorization, ip) => {
      const credentials = basicCredentials(authorization);
      if (typeof credentials === 'string') return null;
      const key = loginLimiterKey(ip, credentials.user);
      return limiter.hasFailures(key) ? null : { credentials, loginFailureKey: key };
    };
  }
  const digests = config.apiTokens.map(tokenDigest);
  return (authorization, ip) => {
    const token = bearerToken(authorization);
    if (token === null || limiter.hasFailures(loginLimiterKey(ip, BEARER_USER))) return null;
    return matchesAnyToken(token, digests) ? { credentials: config.credentials, loginFailureKey: null } : null;
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

/** The user and password of a Basic header, or why it is not usable (the 401's detail). */
function basicCredentials(header: string | undefined): (Pop3Credentials & { user: string; password: string }) | string {
  if (header === undefined || header === '') return 'Send Authorization: Basic with your POP3 user name and password.';
  const match = header.length <= MAX_AUTHORIZATION_LENGTH ? BASIC_HEADER.exec(header) : null;
  const decoded = match?.[1] !== undefined ? decodeUtf8(Buffer.from(match[1], 'base64')) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 0) {
    return 'The Authorization header is not valid Basic credentials: expected "Basic " + base64("user:password"), UTF-8.';
  }
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // Decided here, not upstream: no POP3 server accepts an empty USER or PASS argument.
  if (user === '' || password === '') {
    const empty = [user === '' && 'user name', password === '' && 'password'].filter(Boolean);
    return `The Basic credentials have an empty ${empty.join(' and an empty ')}; send your POP3 user name and password.`;
  }
  if (LINE_BREAKING.test(user) || LINE_BREAKING.test(password)) {
    return 'The user name or password contains CR, LF or NUL, which POP3 cannot carry.';
  }
  return { user, password };
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

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
