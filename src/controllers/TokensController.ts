import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Example, Get, Middlewares, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { TokenRegistry } from '../accounts/token-registry';
import { SecretsUnavailableError } from '../accounts/errors';
import type { ProblemJson } from '../models/problem';
import type { CreatedToken, NewToken, TokenList } from '../models/token';
import { tokenCallerOf } from '../http/auth/caller';
import { onlyQueryParameters } from '../http/input/query-parameters';
import { ForbiddenError } from '../http/problems/http-errors';
import type { ControllerDeps } from '../http/tsoa-hooks';
import {
  ACCOUNT_NOT_FOUND,
  accountNotFoundExample,
  BAD_ACCOUNT,
  badAccountExample,
  FORBIDDEN,
  forbiddenExample,
  INTERNAL_ERROR,
  internalErrorExample,
  PROBLEM_JSON,
  RATE_LIMITED,
  rateLimitedExample,
  SECRETS_UNAVAILABLE,
  secretsUnavailableExample,
  TOKEN_NOT_FOUND,
  TOKEN_UNAUTHORIZED,
  tokenNotFoundExample,
  tokenUnauthorizedExample,
} from './problem-responses';

/**
 * popgate's own API tokens (`pgt_…`): scoped, optionally bound to one account, shown once and
 * kept only as a SHA-256. Managing them takes a token with `accounts:manage` that is not bound
 * to an account (an admin token, for one).
 */
@Route('tokens')
@Tags('Tokens')
@Security('token', ['accounts:manage'])
export class TokensController extends Controller {
  private readonly registry: TokenRegistry | null;

  constructor({ tokens }: Pick<ControllerDeps, 'tokens'>) {
    super();
    this.registry = tokens;
  }

  /**
   * Creates a token with these scopes (`accounts:manage`, `messages:read`, `messages:delete`,
   * `events:read`), bound to `account` when given (it then reaches no other account: they
   * answer 404 as if they did not exist). The `token` value is in this answer only; popgate
   * keeps its SHA-256.
   * @summary Create a token
   */
  @Post()
  @Middlewares(onlyQueryParameters())
  @SuccessResponse(201, 'Created: the value is shown this once')
  @Example<CreatedToken>({
    id: 'tok_4f1c2a9e0b7d6a31',
    token: 'pgt_Zq3v8u1oM2sF6cJk0YtE9rW4xN7bL5aH2dG1pQ0iU3s',
    account: 'support',
    scopes: ['messages:read'],
    description: 'ticketing importer',
    createdAt: '2026-11-30T09:30:00.000Z',
    expiresAt: null,
  })
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public async createToken(@Request() req: ExpressRequest, @Body() token: NewToken): Promise<CreatedToken> {
    const created = await this.tokens(req).create(token);
    this.setStatus(201);
    return created;
  }

  /**
   * The tokens, oldest first: ids, scopes, accounts, expiry — never a token's value.
   * @summary List tokens
   * @param offset Tokens to skip.
   * @param limit Tokens per page.
   * @isInt offset
   * @minimum offset 0
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 1000
   */
  @Get()
  @Middlewares(onlyQueryParameters('offset', 'limit'))
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public listTokens(@Request() req: ExpressRequest, @Query() offset = 0, @Query() limit = 100): Promise<TokenList> {
    return this.tokens(req).list(offset, limit);
  }

  /**
   * Revokes the token: the next request with it is 401, on every instance that shares the store.
   * @summary Revoke a token
   * @param token The token's id (not its value).
   * @pattern token ^tok_[0-9a-f]{16}$
   */
  @Delete('{token}')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse(204, 'Revoked')
  @Response<ProblemJson>(400, BAD_ACCOUNT, badAccountExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, TOKEN_NOT_FOUND, tokenNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public async revokeToken(@Request() req: ExpressRequest, @Path() token: string): Promise<void> {
    await this.tokens(req).revoke(token);
    this.setStatus(204);
  }

  private tokens(req: ExpressRequest): TokenRegistry {
    if (tokenCallerOf(req).account !== null) throw new ForbiddenError([], 'A token bound to one account cannot manage tokens');
    if (!this.registry) throw new SecretsUnavailableError();
    return this.registry;
  }
}
