import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Example, Get, Middlewares, Patch, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { SecretsUnavailableError } from '../accounts/errors';
import { tokenCallerOf } from '../http/auth/caller';
import { onlyQueryParameters } from '../http/input/query-parameters';
import type { ControllerDeps } from '../http/tsoa-hooks';
import type { ProblemJson } from '../models/problem';
import type { CreatedWebhook, DeliveryList, NewWebhook, Webhook, WebhookChanges, WebhookList, WebhookTestQueued } from '../models/webhook';
import type { WebhookRegistry } from '../webhooks/webhook-registry';
import {
  ACCOUNT_NOT_FOUND,
  accountNotFoundExample,
  BAD_WEBHOOK,
  badWebhookExample,
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
  WEBHOOK_NOT_FOUND,
  webhookNotFoundExample,
} from './problem-responses';

const EXAMPLE: Webhook = {
  id: 'wh_5d0c3e9a7b1f2e46',
  url: 'https://hooks.example.com/popgate',
  events: ['message.received'],
  account: 'support',
  description: 'ticketing importer',
  enabled: true,
  disabledReason: null,
  createdAt: '2026-11-30T09:30:00.000Z',
  updatedAt: '2026-11-30T09:30:00.000Z',
};

/**
 * Webhooks: popgate POSTs each event to them, signed per Standard Webhooks v1 (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`), retrying failures with backoff for about a day.
 * A token bound to an account sees and creates only that account's webhooks.
 */
@Route('webhooks')
@Tags('Webhooks')
@Security('token', ['accounts:manage'])
export class WebhooksController extends Controller {
  private readonly registry: WebhookRegistry | null;

  constructor({ webhooks }: Pick<ControllerDeps, 'webhooks'>) {
    super();
    this.registry = webhooks;
  }

  /**
   * Creates a webhook for these event types (default: all) of one account (default: every
   * account; a bound token's own account). The `secret` that signs its deliveries is in this
   * answer only. The URL must be http(s) without credentials; a host that resolves to a
   * loopback, private or link-local address is refused unless WEBHOOK_ALLOW_PRIVATE=true. It
   * receives events recorded from now on.
   * @summary Create a webhook
   */
  @Post()
  @Middlewares(onlyQueryParameters())
  @SuccessResponse(201, 'Created: the secret is shown this once')
  @Example<CreatedWebhook>({
    id: 'wh_5d0c3e9a7b1f2e46',
    url: 'https://hooks.example.com/popgate',
    events: ['message.received'],
    account: 'support',
    description: 'ticketing importer',
    enabled: true,
    disabledReason: null,
    createdAt: '2026-11-30T09:30:00.000Z',
    updatedAt: '2026-11-30T09:30:00.000Z',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwF7l1xDZnCbE=',
  })
  @Response<ProblemJson>(400, BAD_WEBHOOK, badWebhookExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public async createWebhook(@Request() req: ExpressRequest, @Body() webhook: NewWebhook): Promise<CreatedWebhook> {
    const created = await this.webhooks().create(webhook, boundAccount(req));
    this.setStatus(201);
    this.setHeader('Location', `/webhooks/${created.id}`);
    return created;
  }

  /**
   * The webhooks, oldest first (a bound token's: its account's only). Never a secret.
   * @summary List webhooks
   * @param offset Webhooks to skip.
   * @param limit Webhooks per page.
   * @isInt offset
   * @minimum offset 0
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 1000
   */
  @Get()
  @Middlewares(onlyQueryParameters('offset', 'limit'))
  @Response<ProblemJson>(400, BAD_WEBHOOK, badWebhookExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public listWebhooks(@Request() req: ExpressRequest, @Query() offset = 0, @Query() limit = 100): Promise<WebhookList> {
    return this.webhooks().list(boundAccount(req), offset, limit);
  }

  /**
   * One webhook: its URL, event types, account, and whether it is enabled. Never its secret.
   * @summary Get a webhook
   * @param webhook The webhook's id.
   * @pattern webhook ^wh_[0-9a-f]{16}$
   */
  @Get('{webhook}')
  @Middlewares(onlyQueryParameters())
  @Example<Webhook>(EXAMPLE)
  @Response<ProblemJson>(400, BAD_WEBHOOK, badWebhookExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, WEBHOOK_NOT_FOUND, webhookNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public getWebhook(@Request() req: ExpressRequest, @Path() webhook: string): Promise<Webhook> {
    return this.webhooks().get(webhook, boundAccount(req));
  }

  /**
   * Changes a webhook's URL (checked as at creation), event types, description, or `enabled`
   * (`true` re-enables one a 410 disabled). Its secret and account stay.
   * @summary Change a webhook
   * @param webhook The webhook's id.
   * @pattern webhook ^wh_[0-9a-f]{16}$
   */
  @Patch('{webhook}')
  @Middlewares(onlyQueryParameters())
  @Example<Webhook>(EXAMPLE)
  @Response<ProblemJson>(400, BAD_WEBHOOK, badWebhookExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, WEBHOOK_NOT_FOUND, webhookNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public updateWebhook(@Request() req: ExpressRequest, @Path() webhook: string, @Body() changes: WebhookChanges): Promise<Webhook> {
    return this.webhooks().update(webhook, changes, boundAccount(req));
  }

  /**
   * Deletes the webhook and its delivery log; deliveries still queued for it are dropped.
   * @summary Delete a webhook
   * @param webhook The webhook's id.
   * @pattern webhook ^wh_[0-9a-f]{16}$
   */
  @Delete('{webhook}')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse(204, 'Deleted')
  @Response<ProblemJson>(400, BAD_WEBHOOK, badWebhookExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, WEBHOOK_NOT_FOUND, webhookNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public async deleteWebhook(@Request() req: ExpressRequest, @Path() webhook: string): Promise<void> {
    await this.webhooks().delete(webhook, boundAccount(req));
    this.setStatus(204);
  }

  /**
   * Queues a `webhook.test` event for this webhook, delivered (signed, retried) like any
   * other; its attempts show in the delivery log under the returned `eventId`.
   * @summary Send a test event
   * @param webhook The webhook's id.
   * @pattern webhook ^wh_[0-9a-f]{16}$
   */
  @Post('{webhook}/test')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse(202, 'Queued')
  @Example<WebhookTestQueued>({ eventId: 'evt_0f5e8c1d2b3a49876c5d4e3f2a1b0c9d' })
  @Response<ProblemJson>(400, BAD_WEBHOOK, badWebhookExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, WEBHOOK_NOT_FOUND, webhookNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public async testWebhook(@Request() req: ExpressRequest, @Path() webhook: string): Promise<WebhookTestQueued> {
    const eventId = await this.webhooks().sendTest(webhook, boundAccount(req));
    this.setStatus(202);
    return { eventId };
  }

  /**
   * The webhook's most recent delivery attempts, newest first (the last 100 are kept): the
   * event id, attempt number, the receiver's HTTP status (null when none came), duration, and
   * why it failed.
   * @summary List delivery attempts
   * @param webhook The webhook's id.
   * @param limit Attempts to return.
   * @pattern webhook ^wh_[0-9a-f]{16}$
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   */
  @Get('{webhook}/deliveries')
  @Middlewares(onlyQueryParameters('limit'))
  @Example<DeliveryList>({ items: [{ eventId: 'evt_0f5e8c1d2b3a49876c5d4e3f2a1b0c9d', attempt: 2, at: '2026-11-30T09:31:10.000Z', status: 200, durationMs: 41 }] })
  @Response<ProblemJson>(400, BAD_WEBHOOK, badWebhookExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, WEBHOOK_NOT_FOUND, webhookNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(503, SECRETS_UNAVAILABLE, secretsUnavailableExample, PROBLEM_JSON)
  public async listDeliveries(@Request() req: ExpressRequest, @Path() webhook: string, @Query() limit = 100): Promise<DeliveryList> {
    return { items: await this.webhooks().deliveries(webhook, boundAccount(req), limit) };
  }

  private webhooks(): WebhookRegistry {
    if (!this.registry) throw new SecretsUnavailableError();
    return this.registry;
  }
}

function boundAccount(req: ExpressRequest): string | null {
  return tokenCallerOf(req).account;
}
