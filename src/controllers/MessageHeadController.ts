import type { Request as ExpressRequest } from 'express';
import { Controller, Head, Middlewares, Path, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ProblemJson } from '../models/problem';
import type { MailboxService } from '../services/mailbox-service';
import type { ControllerDeps } from '../http/tsoa-hooks';
import { accessOf } from '../http/input/cache-freshness';
import { parseMessageId } from '../http/input/message-id';
import { onlyQueryParameters } from '../http/input/query-parameters';
import { ifNoneMatchHits, messageEtag } from '../http/responses/etag';
import { HEADERS, JSON_CONTENT_TYPE, PARSED, RAW, UNTRUSTED_CONTENT_POLICY } from '../http/responses/representations';
import {
  BAD_ID,
  badIdExample,
  INTERNAL_ERROR,
  internalErrorExample,
  MESSAGE_NOT_FOUND,
  MESSAGE_TOO_LARGE,
  messageNotFoundExample,
  messageTooLargeExample,
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

/**
 * `HEAD` of the message resources, answered from the session's login snapshot (the id's
 * number and LIST size) without `RETR` or `TOP`: the status and the headers a `GET` would
 * have that can be known without the body. No `Content-Length`: LIST counts what the server
 * counts, not necessarily the bytes it sends (nor the JSON made from them).
 *
 * Its own controller so its routes are registered before MessagesController's (tsoa goes by
 * file name): express answers a HEAD with the first route of the path that takes GET or HEAD.
 * Attachments have no HEAD here: their status (does index n exist?) and headers (type, file
 * name, length) are only known from the parsed message, so express runs their GET for it.
 */
@Route('messages')
@Tags('Messages')
@Security('basic')
@Security('bearer')
export class MessageHeadController extends Controller {
  private readonly service: MailboxService;

  constructor({ service }: ControllerDeps) {
    super();
    this.service = service;
  }

  /**
   * What GET /messages/{id} would answer, without fetching the message: 200 (or 304 to a
   * matching `If-None-Match`) with its `ETag` and `Content-Type`, or its error.
   * @summary Check a message
   * @param id The message's UIDL value, URL-encoded.
   * @pattern id ^[\x21-\x7E]{1,70}$
   */
  @Head('{id}')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse<{ ETag: string }>(200, 'The message exists; a GET would answer with it')
  @Response<void, { ETag: string }>(304, 'Not modified: `If-None-Match` already names this representation.')
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, MESSAGE_NOT_FOUND, messageNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson>(413, MESSAGE_TOO_LARGE, messageTooLargeExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async headMessage(@Request() req: ExpressRequest, @Path() id: string): Promise<void> {
    const etag = messageEtag(parseMessageId(id), PARSED);
    await this.service.locate(accessOf(req), id, { wholeMessage: true });
    this.describe(req, etag, { 'Content-Type': JSON_CONTENT_TYPE });
  }

  /**
   * What GET /messages/{id}/raw would answer, without `RETR`: 200 (or 304) with its `ETag`,
   * `Content-Type: message/rfc822` and `Accept-Ranges`, or its error. LIST's `size` is in
   * the listing; the exact byte count is only known once the server has sent them.
   * @summary Check a raw message
   * @param id The message's UIDL value, URL-encoded.
   * @pattern id ^[\x21-\x7E]{1,70}$
   */
  @Head('{id}/raw')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse<{ ETag: string; 'Accept-Ranges': string }>(200, 'The message exists; a GET would stream it')
  @Response<void, { ETag: string }>(304, 'Not modified: `If-None-Match` already names this representation.')
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, MESSAGE_NOT_FOUND, messageNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson>(413, MESSAGE_TOO_LARGE, messageTooLargeExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async headRawMessage(@Request() req: ExpressRequest, @Path() id: string): Promise<void> {
    const etag = messageEtag(parseMessageId(id), RAW);
    await this.service.locate(accessOf(req), id, { wholeMessage: true });
    this.describe(req, etag, { 'Content-Type': 'message/rfc822', 'Content-Security-Policy': UNTRUSTED_CONTENT_POLICY, 'Accept-Ranges': 'bytes' });
  }

  /**
   * What GET /messages/{id}/headers would answer, without `TOP`: 200 (or 304) with its
   * `ETag`, or its error.
   * @summary Check a message's headers
   * @param id The message's UIDL value, URL-encoded.
   * @pattern id ^[\x21-\x7E]{1,70}$
   */
  @Head('{id}/headers')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse<{ ETag: string }>(200, 'The message exists; a GET would answer with its header block')
  @Response<void, { ETag: string }>(304, 'Not modified: `If-None-Match` already names this representation.')
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, MESSAGE_NOT_FOUND, messageNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async headMessageHeaders(@Request() req: ExpressRequest, @Path() id: string): Promise<void> {
    const etag = messageEtag(parseMessageId(id), HEADERS);
    await this.service.locate(accessOf(req), id);
    this.describe(req, etag, { 'Content-Type': JSON_CONTENT_TYPE });
  }

  /** 304 when `If-None-Match` names the representation, else 200 with its headers; never a body. */
  private describe(req: ExpressRequest, etag: string, headers: Record<string, string>): void {
    this.setHeader('ETag', etag);
    if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
      this.setStatus(304);
      return;
    }
    for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    this.setStatus(200);
  }
}
