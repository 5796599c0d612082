import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ACCOUNT_ID_PATTERN } from '../../accounts/account';
import type { AccountRegistry } from '../../accounts/account-registry';
import { AccountCredentialsRefusedError, AccountNotFoundError, SecretsUnavailableError } from '../../accounts/errors';
import type { Pop3ServerError } from '../../pop3/errors';
import { isRefusedLogin } from '../../pop3/response-code';
import type { AccountAccessCache } from '../gateway/account-access-cache';
import { InvalidRequestError } from '../problems/http-errors';
import { mountRoutes } from '../request-bookkeeping';
import type { TokenAuthenticator } from './authenticators';
import { type AuthenticatedCaller, setCaller } from './caller';

/** `/accounts/<id>` then a mailbox path (`/mailbox/…`, `/messages…`) and any query. */
const ACCOUNT_MAILBOX_URL = /^\/accounts\/([^/?#]+)(\/(?:mailbox|messages)(?:[/?].*)?)$/;

/** Where the mailbox routes are mounted for a registered account (the metrics' route label). */
export const ACCOUNT_MOUNT = '/accounts/:account';

/** The account id of a request to /accounts/{account}/…, as it appeared in the path (still encoded). */
const accountRequests = new WeakMap<Request, string>();

/**
 * `/accounts/{account}/mailbox/…` and `/accounts/{account}/messages…` are the top-level mailbox
 * routes, for a registered account: this drops the prefix, so the very same routes — answers,
 * errors, caching, ETags, pool rules — serve them, and the routes' authentication
 * (src/http/tsoa-hooks.ts) then checks the token and takes the account's stored credentials
 * (`enterAccount`). The spec's `/accounts/{account}/…` operations are generated from the
 * top-level ones (scripts/openapi-artifacts.js), so the two cannot drift apart either.
 */
export const accountMailboxes: RequestHandler = (req, _res, next) => {
  const match = ACCOUNT_MAILBOX_URL.exec(req.url);
  if (match) {
    accountRequests.set(req, match[1]!);
    mountRoutes(req, ACCOUNT_MOUNT);
    req.url = match[2]!;
  }
  next();
};

/** The account a request entered, and which change of it its credentials are (credentialsOf's `version`). */
const entered = new WeakMap<Request, { id: string; version: string }>();

/** Whether the request came in under /accounts/{account}/… */
export function isAccountRequest(req: Request): boolean {
  return accountRequests.has(req);
}

export interface AccountEntry {
  authenticateToken: TokenAuthenticator;
  accounts: AccountRegistry | null;
  /** Keeps the account's credentials for the fast lane, when there is one. */
  accessCache: AccountAccessCache | null;
}

/**
 * The caller of a request to /accounts/{account}/…: checks the token (`messages:read`, or
 * `messages:delete` for DELETE) and its account, and makes the account's stored credentials,
 * on the account's own server, the request's caller.
 * @throws UnauthorizedError, ForbiddenError, InvalidRequestError, AccountNotFoundError, SecretsUnavailableError
 */
export async function enterAccount(req: Request, { authenticateToken, accounts, accessCache }: AccountEntry): Promise<AuthenticatedCaller> {
  const raw = accountRequests.get(req);
  if (raw === undefined) throw new Error(`${req.method} ${req.path} is no account request`);
  const mark = accessCache?.mark();
  const token = await authenticateToken(req, [req.method === 'DELETE' ? 'messages:delete' : 'messages:read']);
  const id = decodedId(raw);
  if (!ACCOUNT_ID_PATTERN.test(id)) throw new InvalidRequestError(`account must be an account id (letters, digits, ".", "_", "-"; 1 to 64); got ${JSON.stringify(id.slice(0, 70))}.`, 'account');
  // A token bound to another account learns nothing, not even that this one exists.
  if (token.account !== null && token.account !== id) throw new AccountNotFoundError(id);
  if (!accounts) throw new SecretsUnavailableError();
  const { target, credentials, version } = await accounts.credentialsOf(id);
  entered.set(req, { id, version });
  const upstream = { ...credentials, upstream: target };
  if (mark !== undefined) accessCache?.rememberAccount(mark, id, upstream);
  // The caller does not own the stored password: an upstream refusal is not its failed login.
  const caller: AuthenticatedCaller = { credentials: upstream, loginFailureKey: null };
  setCaller(req, caller);
  return caller;
}

/**
 * Error middleware, before the login limiter's: the upstream refusing an account's stored
 * credentials is no failed login of the caller (whose token was fine) but the account's
 * problem — AccountCredentialsRefusedError (409, no challenge), and the account's
 * `state.status` becomes `authentication_failed` with the server's words.
 */
export function accountCredentialsRefused(accounts: AccountRegistry | null): ErrorRequestHandler {
  return (err, req, _res, next) => {
    const account = entered.get(req);
    if (account === undefined || accounts === null || !isRefusedLogin(err)) {
      next(err);
      return;
    }
    const refusal = err as Pop3ServerError;
    const refused = new AccountCredentialsRefusedError(account.id, refusal);
    // Recorded before the answer, so the caller's next GET /accounts/{account} shows it; a store
    // that cannot take it now does not change the answer.
    accounts.markStatus(account.id, 'authentication_failed', `The POP3 server refused the credentials: ${refusal.text}`, account.version).then(
      () => next(refused),
      () => next(refused),
    );
  };
}

function decodedId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new InvalidRequestError(`account holds a percent-escape that is not valid UTF-8 (${JSON.stringify(raw.slice(0, 70))}).`, 'account');
  }
}
