import type { Request as ExpressRequest } from 'express';
import { Controller, Example, Get, Middlewares, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { MailboxCapabilities, MailboxStat } from '../models/mailbox';
import type { ProblemJson } from '../models/problem';
import type { MailboxService } from '../services/mailbox-service';
import type { ControllerDeps } from '../http/tsoa-hooks';
import { accessOf } from '../http/input/cache-freshness';
import { onlyQueryParameters } from '../http/input/query-parameters';
import {
  INTERNAL_ERROR,
  internalErrorExample,
  NO_QUERY,
  noQueryExample,
  PROBLEM_JSON,
  RATE_LIMITED,
  rateLimitedExample,
  UNAUTHORIZED,
  unauthorizedExample,
  UPSTREAM_PROTOCOL_ERROR,
  UPSTREAM_TIMEOUT,
  UPSTREAM_UNAVAILABLE,
  upstreamProtocolErrorExample,
  upstreamTimeoutExample,
  upstreamUnavailableExample,
} from './problem-responses';

/** The maildrop as a whole. */
@Route('mailbox')
@Tags('Mailbox')
@Security('basic')
@Security('bearer')
@Middlewares(onlyQueryParameters())
export class MailboxController extends Controller {
  private readonly service: MailboxService;

  constructor({ service }: ControllerDeps) {
    super();
    this.service = service;
  }

  /**
   * How many messages the maildrop holds and their total size in octets (POP3 `STAT`).
   * `snapshotAt` is when the POP3 session that answered logged in; mail that arrived since
   * shows up in a newer session — send `Cache-Control: no-cache` to get one.
   * @summary Count and total size of the messages
   */
  @Get('stat')
  @Example<MailboxStat>({ count: 2, size: 320, snapshotAt: '2025-01-31T09:30:00.000Z' })
  @Response<ProblemJson>(400, NO_QUERY, noQueryExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async getStat(@Request() req: ExpressRequest): Promise<MailboxStat> {
    return this.service.stat(accessOf(req));
  }

  /**
   * What the POP3 server supports (its `CAPA` reply, capability name to arguments), whether
   * message ids survive across sessions (`stableIds` is true when the server offers UIDL;
   * without it, ids are message numbers and shift when mail is deleted), and the TLS
   * session to the server (null over plaintext).
   * @summary What the POP3 server supports
   */
  @Get('capabilities')
  @Example<MailboxCapabilities>({
    capabilities: { TOP: [], UIDL: [], USER: [], SASL: ['PLAIN'], 'RESP-CODES': [], 'AUTH-RESP-CODE': [], PIPELINING: [] },
    stableIds: true,
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
  })
  @Response<ProblemJson>(400, NO_QUERY, noQueryExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async getCapabilities(@Request() req: ExpressRequest): Promise<MailboxCapabilities> {
    return this.service.capabilities(accessOf(req));
  }
}
