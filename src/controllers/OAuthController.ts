import type { Request as ExpressRequest } from 'express';
import { Controller, Example, Get, Middlewares, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { AccountNotFoundError, SecretsUnavailableError } from '../accounts/errors';
import { tokenCallerOf } from '../http/auth/caller';
import { onlyQueryParameters } from '../http/input/query-parameters';
import type { ControllerDeps } from '../http/tsoa-hooks';
import type { Account } from '../models/account';
import type { ConsentLink } from '../models/oauth';
import type { ProblemJson } from '../models/problem';
import type { Onboarding } from '../oauth/onboarding';
import {
  ACCOUNT_NOT_FOUND,
  accountNotFoundExample,
  BAD_CONSENT,
  badConsentExample,
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
  UPSTREAM_UNAVAILABLE,
  upstreamUnavailableExample,
} from './problem-responses';

/**
 * Onboarding of registered OAuth2 accounts (docs/providers.md): a consent link for the mailbox
 * owner, and the callback where the provider sends their browser back with a code.
 */
@Route('oauth2')
@Tags('OAuth2')
export class OAuthController extends Controller {
  private readonly flow: Onboarding | null;

  constructor({ onboarding }: Pick<ControllerDeps, 'onboarding'>) {
    super();
    this.flow = onboarding;
  }

  /**
   * Redirects (302) to the provider's consent page for a registered OAuth2 account, with the
   * gateway's own app (OAUTH_GMAIL_* / OAUTH_OUTLOOK_*), PKCE (S256) and a `state` bound to the
   * account, sealed with POPGATE_SECRET and good for 15 minutes. Send the `Location` to the
   * mailbox owner: once they allow access, the provider sends their browser to
   * `/oauth2/callback`, which stores the refresh token in the account. A request that accepts
   * `application/json` but not HTML (Swagger UI, API clients) gets the link as JSON instead.
   * @summary Start consent for an account
   * @param provider The account's provider (`pop3.oauth2.provider`).
   * @param account The account's id.
   * @pattern account ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  @Get('authorize')
  @Security('token', ['accounts:manage'])
  @Middlewares(onlyQueryParameters('provider', 'account'))
  @SuccessResponse(200, 'The consent link, for a client that asked for JSON')
  @Example<ConsentLink>({ url: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=1234567890-abc.apps.googleusercontent.com&response_type=code&redirect_uri=https%3A%2F%2Fpopgate.example.com%2Foauth2%2Fcallback&scope=https%3A%2F%2Fmail.google.com%2F&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=pgs1.…&access_type=offline&prompt=consent&login_hint=owner%40gmail.com' })
  @Response<void, { Location: string }>(302, 'Found: the provider\'s consent page is in Location (browsers, curl)')
  @Response<ProblemJson>(400, BAD_CONSENT, badConsentExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public async startConsent(@Request() req: ExpressRequest, @Query() provider: 'gmail' | 'outlook', @Query() account: string): Promise<ConsentLink | undefined> {
    const bound = tokenCallerOf(req).account;
    if (bound !== null && bound !== account) throw new AccountNotFoundError(account);
    const url = await this.onboarding().authorizationUrl(provider, account);
    this.setHeader('Cache-Control', 'no-store');
    if (req.accepts(['text/html', 'application/json']) === 'application/json') return { url: url.href };
    this.setStatus(302);
    this.setHeader('Location', url.href);
    return undefined;
  }

  /**
   * Where the provider sends the owner's browser after consent: exchanges the `code` (with the
   * PKCE verifier the `state` carries) at the token endpoint and stores the refresh token,
   * encrypted, in the account the `state` names; answers the account (never a secret). Needs
   * no token: the sealed `state` is the proof. Register this URL (OAUTH_REDIRECT_URL) with the
   * provider's app.
   * @summary Finish consent (the provider's redirect)
   * @param state The sealed state from the consent link.
   * @param code The authorization code.
   * @param error Set by the provider instead of `code` when the owner refused (e.g. `access_denied`).
   */
  @Get('callback')
  @Example<Account>({
    id: 'support',
    name: 'Support inbox',
    pop3: {
      host: 'outlook.office365.com',
      port: 995,
      tls: 'implicit',
      user: 'support@contoso.com',
      auth: 'xoauth2',
      oauth2: { provider: 'outlook', clientId: '11111111-2222-3333-4444-555555555555', grant: 'refresh_token', tenant: 'common', authorized: true },
    },
    poll: { enabled: true, intervalS: 60, backfill: false, deleteAfterDelivery: false },
    state: { status: 'new', lastPollAt: null },
    createdAt: '2026-11-30T09:30:00.000Z',
    updatedAt: '2026-11-30T09:31:00.000Z',
  })
  @Response<ProblemJson>(400, BAD_CONSENT, badConsentExample, PROBLEM_JSON)
  @Response<ProblemJson>(401, 'The provider refused this gateway\'s app (invalid_client): check OAUTH_<PROVIDER>_CLIENT_ID and _SECRET.', { type: 'https://popgate.dev/problems/unauthorized', title: 'Unauthorized', status: 401, detail: "The OAuth2 token endpoint refused this gateway's client (invalid_client): check the client id, client secret, tenant and scope configured for the mailbox.", code: 'unauthorized' }, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  public finishConsent(@Request() req: ExpressRequest, @Query() state?: string, @Query() code?: string, @Query() error?: string): Promise<Account> {
    this.setHeader('Cache-Control', 'no-store');
    // Every parameter the provider sent (Google adds scope, authuser, prompt …): openid-client checks them.
    const query = Object.fromEntries(Object.entries(req.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return this.onboarding().complete({ ...query, state, code, error });
  }

  private onboarding(): Onboarding {
    if (!this.flow) throw new SecretsUnavailableError();
    return this.flow;
  }
}
