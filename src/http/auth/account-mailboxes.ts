import type { RequestHandler } from 'express';
import { ACCOUNT_ID_PATTERN } from '../../accounts/account';
import type { AccountRegistry } from '../../accounts/account-registry';
import { AccountNotFoundError, SecretsUnavailableError } from '../../accounts/errors';
import { InvalidRequestError } from '../problems/http-errors';
import type { TokenAuthenticator } from './authenticators';
import { setAccountCaller } from './caller';

/** `/accounts/<id>` then a mailbox path (`/mailbox/…`, `/messages…`) and any query. */
const ACCOUNT_MAILBOX_URL = /^\/accounts\/([^/?#]+)(\/(?:mailbox|messages)(?:[/?].*)?)$/;

/**
 * `/accounts/{account}/mailbox/…` and `/accounts/{account}/messages…` are the top-level mailbox
 * routes, for a registered account: this checks the token (`messages:read`, or `messages:delete`
 * for DELETE), makes the account's stored credentials the request's caller, and drops the
 * prefix, so the very same routes — answers, errors, caching, ETags, pool rules — serve them.
 * The spec's `/accounts/{account}/…` operations are generated from the top-level ones
 * (scripts/openapi-artifacts.js), so the two cannot drift apart either.
 */
export function accountMailboxes(authenticateToken: TokenAuthenticator, registry: AccountRegistry | null): RequestHandler {
  return (req, _res, next) => {
    const match = ACCOUNT_MAILBOX_URL.exec(req.url);
    if (!match) {
      next();
      return;
    }
    const enter = async (): Promise<void> => {
      const token = await authenticateToken(req, [req.method === 'DELETE' ? 'messages:delete' : 'messages:read']);
      const id = decodeURIComponent(match[1]!);
      if (!ACCOUNT_ID_PATTERN.test(id)) throw new InvalidRequestError(`account must be an account id (letters, digits, ".", "_", "-"; 1 to 64); got ${JSON.stringify(id.slice(0, 70))}.`, 'account');
      // A token bound to another account learns nothing, not even that this one exists.
      if (token.account !== null && token.account !== id) throw new AccountNotFoundError(id);
      if (!registry) throw new SecretsUnavailableError();
      const { target, credentials } = await registry.credentialsOf(id);
      // The caller does not own the stored password: an upstream refusal is not its failed login.
      setAccountCaller(req, { credentials: { ...credentials, upstream: target }, loginFailureKey: null });
      req.url = match[2]!;
    };
    enter().then(() => next(), next);
  };
}
