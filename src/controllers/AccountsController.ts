import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Example, Get, Middlewares, Patch, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { AccountRegistry } from '../accounts/account-registry';
import type { TokenRegistry } from '../accounts/token-registry';
import type { WebhookRegistry } from '../webhooks/webhook-registry';
import { AccountNotFoundError, SecretsUnavailableError } from '../accounts/errors';
import { tokenCallerOf } from '../http/auth/caller';
import { ForbiddenError } from '../http/problems/http-errors';
import type { Account, AccountChanges, AccountList, NewAccount } from '../models/account';
import type { ProblemJson } from '../models/problem';
import { onlyQueryParameters } from '../http/input/query-parameters';
import type { ControllerDeps } from '../http/tsoa-hooks';
import {
  ACCOUNT_NOT_FOUND,
  accountNotFoundExample,
  BAD_ACCOUNT,
  badAccountExample,
  CONFLICT,
  conflictExample,
  CREDENTIALS_REFUSED,
  credentialsRefusedExample,
  FORBIDDEN,
  forbiddenExample,
  INTERNAL_ERROR,
  internalErrorExample,
  PROBLEM_JSON,
  RATE_LIMITED,
  rateLimitedExample,
  SECRETS_UNAVAILABLE,
  secretsUnavailableExample,
  TOKEN_UNAUTHORIZED,
  tokenUnauthorizedExample,
  UPSTREAM_PROTOCOL_ERROR,
  UPSTREAM_TIMEOUT,
  UPSTREAM_UNAVAILABLE,
  upstreamProtocolErrorExample,
  upstreamTimeoutExample,
  upstreamUnavailableExample,
} from './problem-responses';

const EXAMPLE: Account = {
  id: 'support',
  name: 'Support inbox',
  pop3: { host: 'pop.example.com', port: 995, tls: 'implicit', user: 'support@example.com', auth: 'auto' },
  poll: { enabled: true, intervalS: 60, backfill: false, deleteAfterDelivery: false },
  state: { status: 'new', lastPollAt: null },
  createdAt: '2026-11-30T09:30:00.000Z',
  updatedAt: '2026-11-30T09:30:00.000Z',
};

/**
 * Registered accounts: mailboxes whose credentials popgate keeps (encrypted with
 * POPGATE_SECRET), so callers — and popgate's own poller — need no POP3 password.
 */
@Route('accounts')
@Tags('Accounts')
@Security('token', ['accounts:manage'])
export class AccountsController extends Controller {
  private readonly registry: AccountRegistry | null;
  private readonly tokens: TokenRegistry | null;
  private readonly webhooks: WebhookRegistry | null;

  constructor({ accounts, tokens, webhooks }: Pick<ControllerDeps, 'accounts' | 'tokens' | 'webhooks'>) {
    super();
    this.registry = accounts;
    this.tokens = tokens;
    this.webhooks = webhooks;
  }

  /**
   * Registers a mailbox. Its credentials are tried with one POP3 login first (`verify=false`
   * skips that): a refusal is 422 `credentials_refused` with the server's words, and nothing is
   * stored. The password is stored encrypted and never shown again.
   * @summary Register an account
   * @param verify Log in once before storing (default `true`).
   */
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  @Post()
  @Middlewares(onlyQueryParameters('verify'))
  @SuccessResponse(201, 'Registered')
  @Example<Account>(EXAMPLE)
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  @Response<ProblemJson>(409, CONFLICT, conflictExample, PROBLEM_JSON)
  @Response<ProblemJson>(422, CREDENTIALS_REFUSED, credentialsRefusedExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async createAccount(@Request() req: ExpressRequest, @Body() account: NewAccount, @Query() verify = true): Promise<Account> {
    if (tokenCallerOf(req).account !== null) throw new ForbiddenError([], 'A token bound to one account cannot register accounts');
    const created = await this.accounts().create(account, verify);
    this.setStatus(201);
    this.setHeader('Location', `/accounts/${encodeURIComponent(created.id)}`);
    return created;
  }

  /**
   * The registered accounts, oldest first.
   * @summary List accounts
   * @param offset Accounts to skip.
   * @param limit Accounts per page.
   * @isInt offset
   * @minimum offset 0
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 1000
   */
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  @Get()
  @Middlewares(onlyQueryParameters('offset', 'limit'))
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  public async listAccounts(@Request() req: ExpressRequest, @Query() offset = 0, @Query() limit = 100): Promise<AccountList> {
    const bound = tokenCallerOf(req).account;
    if (bound === null) return this.accounts().list(offset, limit);
    // A token bound to one account sees that account only.
    const own = await this.accounts().find(bound);
    const items = own && offset === 0 ? [own] : [];
    return { total: own ? 1 : 0, items };
  }

  /**
   * One account: where it logs in, how it is polled, and how its last poll went (`state`). Never its password.
   * @summary Get an account
   * @param account The account's id.
   * @pattern account ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  @Get('{account}')
  @Middlewares(onlyQueryParameters())
  @Example<Account>(EXAMPLE)
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  public getAccount(@Request() req: ExpressRequest, @Path() account: string): Promise<Account> {
    return this.accounts().get(reachable(req, account));
  }

  /**
   * Changes some of an account's fields. A change to its POP3 host, port, TLS, user, password
   * or login method is verified with one login first, as at registration (`verify=false`
   * skips it). The stored password is re-encrypted with the current POPGATE_SECRET.
   * @summary Change an account
   * @param account The account's id.
   * @param verify Log in once before storing changed credentials (default `true`).
   * @pattern account ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  @Patch('{account}')
  @Middlewares(onlyQueryParameters('verify'))
  @Example<Account>(EXAMPLE)
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson>(422, CREDENTIALS_REFUSED, credentialsRefusedExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public updateAccount(@Request() req: ExpressRequest, @Path() account: string, @Body() changes: AccountChanges, @Query() verify = true): Promise<Account> {
    return this.accounts().update(reachable(req, account), changes, verify);
  }

  /**
   * Forgets the account, its stored credentials, every token bound to it, and its poll state;
   * its polls stop. Events already recorded stay until retention drops them.
   * @summary Delete an account
   * @param account The account's id.
   * @pattern account ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  @Delete('{account}')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse(204, 'Deleted')
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  public async deleteAccount(@Request() req: ExpressRequest, @Path() account: string): Promise<void> {
    await this.accounts().delete(reachable(req, account));
    await this.tokens?.revokeBoundTo(account);
    await this.webhooks?.deleteBoundTo(account);
    this.setStatus(204);
  }

  private accounts(): AccountRegistry {
    if (!this.registry) throw new SecretsUnavailableError();
    return this.registry;
  }
}

/** `account`, when this request's token may reach it; a token bound to another gets 404, as for no account. */
function reachable(req: ExpressRequest, account: string): string {
  const bound = tokenCallerOf(req).account;
  if (bound !== null && bound !== account) throw new AccountNotFoundError(account);
  return account;
}
