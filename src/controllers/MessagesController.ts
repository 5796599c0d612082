import type { Readable } from 'node:stream';
import type { Request as ExpressRequest } from 'express';
import {
  Controller,
  Delete,
  Example,
  Get,
  Middlewares,
  Path,
  Produces,
  Query,
  Request,
  Res,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
  type TsoaResponse,
} from '@tsoa/runtime';
import type { MessageHeaders, MessageList, ParsedMessage } from '../models/message';
import type { ProblemJson } from '../models/problem';
import type { MailboxService } from '../services/mailbox-service';
import type { ControllerDeps } from '../http/tsoa-hooks';
import { accessOf } from '../http/input/cache-freshness';
import { holdsCurrentCopy } from '../http/responses/conditional';
import { rangeOfBuffer, rangeOfStream, type RangedAnswer } from '../http/responses/byte-ranges';
import { attachmentDisposition, safeContentType } from '../http/responses/content-disposition';
import { ifNoneMatchHits, messageEtag } from '../http/responses/etag';
import { parseMessageId } from '../http/input/message-id';
import { onlyQueryParameters } from '../http/input/query-parameters';
import { attachmentRepresentation, HEADERS, PARSED, RAW, UNTRUSTED_CONTENT_POLICY } from '../http/responses/representations';
import { sendSerializedJson, streamedBody } from '../http/responses/send';
import {
  ATTACHMENT_NOT_FOUND,
  attachmentNotFoundExample,
  BAD_ID,
  badIdExample,
  INTERNAL_ERROR,
  internalErrorExample,
  MESSAGE_NOT_FOUND,
  MESSAGE_TOO_LARGE,
  messageNotFoundExample,
  messageTooLargeExample,
  PROBLEM_JSON,
  RANGE_NOT_SATISFIABLE,
  rangeNotSatisfiableExample,
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

type NotModified = TsoaResponse<304, void, { ETag: string }>;

/**
 * Bytes of a message or attachment, streamed.
 * @format binary
 */
export type Bytes = Readable;

/** Messages, by their UIDL id. */
@Route('messages')
@Tags('Messages')
@Security('basic')
@Security('bearer')
export class MessagesController extends Controller {
  private readonly service: MailboxService;

  constructor({ service }: ControllerDeps) {
    super();
    this.service = service;
  }

  /**
   * One page of the maildrop's messages: their ids (UIDL values), sizes and, with
   * `headers=true`, subject, sender, recipients, date and Message-ID (`TOP n 0`).
   * `desc` lists the newest (highest-numbered) message first. Listings are cached for
   * CACHE_TTL_S; send `Cache-Control: no-cache` to see mail that arrived since. The `ETag`
   * names the page's ids and sizes: send it back in `If-None-Match` to get 304 while the page is unchanged.
   * @summary List messages
   * @param offset Messages to skip, in the chosen order.
   * @param limit Messages per page.
   * @param order `desc`: newest first; `asc`: oldest first.
   * @param headers Add a summary of each message's headers (costs one `TOP` per message when not cached).
   * @isInt offset
   * @minimum offset 0
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 1000
   */
  @Get()
  @Middlewares(onlyQueryParameters('offset', 'limit', 'order', 'headers'))
  @SuccessResponse<{ ETag: string }>(200, 'The page')
  @Example<MessageList>({
    total: 2,
    totalSize: 320,
    offset: 0,
    limit: 50,
    snapshotAt: '2025-01-31T09:30:00.000Z',
    items: [
      {
        id: '00000002575d3e1c',
        number: 2,
        size: 180,
        headers: {
          subject: 'Quarterly report',
          from: 'Alice Example <alice@example.org>',
          to: 'bob@example.org',
          date: '2025-01-31T09:12:44.000Z',
          messageId: '<20250131091244.1234@example.org>',
        },
      },
      { id: '00000001575d3e1c', number: 1, size: 140 },
    ],
  })
  @Response<void, { ETag: string }>(304, 'The page is unchanged since the ETag in If-None-Match.')
  @Response<ProblemJson>(400, 'A query value is out of range or not of its type, or an unknown query parameter was given.', {
    type: 'https://popgate.dev/problems/invalid_request',
    title: 'Invalid request',
    status: 400,
    detail: 'limit must be an integer from 1 to 1000; got "5000".',
    code: 'invalid_request',
  }, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async listMessages(
    @Request() req: ExpressRequest,
    @Query() offset = 0,
    @Query() limit = 50,
    @Query() order: 'asc' | 'desc' = 'desc',
    @Query() headers = false,
  ): Promise<MessageList> {
    const page = await this.service.list(accessOf(req), { offset, limit, order, headers });
    return sendSerializedJson<MessageList>(req, page);
  }

  /**
   * The message parsed: addresses, dates, all headers (name in lower case to its decoded
   * values), the text and HTML bodies, and the list of attachments with the `index` to
   * fetch each one by. A message never changes under its id, so its `ETag` stays valid.
   * @summary Read a message
   * @param id The message's UIDL value, URL-encoded.
   * @param notModified Not modified: `If-None-Match` already names this representation (a message never changes under its id).
   * @pattern id ^[\x21-\x7E]{1,70}$
   */
  @Get('{id}')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse<{ ETag: string }>(200, 'The parsed message')
  @Example<ParsedMessage>({
    id: '00000001575d3e1c',
    number: 1,
    size: 1843,
    subject: 'Quarterly report',
    from: [{ name: 'Alice Example', address: 'alice@example.org' }],
    to: [{ name: '', address: 'bob@example.org' }],
    cc: [],
    replyTo: [],
    date: '2025-01-31T09:12:44.000Z',
    messageId: '<20250131091244.1234@example.org>',
    inReplyTo: null,
    references: [],
    headers: {
      from: ['Alice Example <alice@example.org>'],
      to: ['bob@example.org'],
      subject: ['Quarterly report'],
      'content-type': ['multipart/mixed; boundary="b1"'],
    },
    text: 'Hi Bob,\nthe report is attached.\n',
    html: null,
    attachments: [
      {
        index: 0,
        filename: 'report-q4.pdf',
        contentType: 'application/pdf',
        size: 912,
        contentId: null,
        disposition: 'attachment',
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      },
    ],
  })
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, MESSAGE_NOT_FOUND, messageNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson>(413, MESSAGE_TOO_LARGE, messageTooLargeExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async getMessage(
    @Request() req: ExpressRequest,
    @Path() id: string,
    @Res() notModified: NotModified,
  ): Promise<ParsedMessage> {
    const etag = messageEtag(parseMessageId(id), PARSED);
    if (await holdsCurrentCopy(req, this.service, id, etag)) return notModified(304, undefined, { ETag: etag });
    const message = await this.service.message(accessOf(req), id);
    this.setHeader('ETag', etag);
    return message;
  }

  /**
   * The message exactly as the server sent it (after POP3 dot-unstuffing), as
   * `message/rfc822`, streamed: large messages start arriving at once and never sit in the
   * gateway's memory. A message over MAX_MESSAGE_BYTES is cut at that size (the connection
   * closes without a complete body), so check the `size` from the listing first.
   * A single `Range: bytes=a-b` (also `a-` and `-n`) resumes a download: 206 with
   * `Content-Range: bytes a-b/*`, placed by the LIST size (the exact length is only known once
   * the server sent it all; if it sends fewer, the connection closes early); 416 only when the
   * message really ends before `a`. `If-Range` with the ETag; several ranges get the whole message.
   * @summary Download the raw message
   * @param id The message's UIDL value, URL-encoded.
   * @param notModified Not modified: `If-None-Match` already names this representation (a message never changes under its id).
   * @pattern id ^[\x21-\x7E]{1,70}$
   */
  @Get('{id}/raw')
  @Middlewares(onlyQueryParameters())
  @Produces('message/rfc822')
  @SuccessResponse<{ ETag: string; 'Accept-Ranges': string }>(200, 'The message bytes', 'message/rfc822')
  @Response<Bytes, { ETag: string; 'Content-Range': string }>(206, 'The bytes of a single `Range: bytes=a-b` (`If-Range` permitting), placed by the LIST size: `Content-Range: bytes a-b/*`, the complete length unclaimed')
  @Response<ProblemJson, { 'Content-Range': string }>(416, RANGE_NOT_SATISFIABLE, rangeNotSatisfiableExample, PROBLEM_JSON)
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, MESSAGE_NOT_FOUND, messageNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async getRawMessage(
    @Request() req: ExpressRequest,
    @Path() id: string,
    @Res() notModified: NotModified,
  ): Promise<Bytes> {
    const etag = messageEtag(parseMessageId(id), RAW);
    if (await holdsCurrentCopy(req, this.service, id, etag)) return notModified(304, undefined, { ETag: etag });
    const raw = await this.service.raw(accessOf(req), id);
    this.setHeader('Content-Type', 'message/rfc822');
    this.setHeader('Content-Security-Policy', UNTRUSTED_CONTENT_POLICY);
    this.setHeader('ETag', etag);
    return this.ranged(req, rangeOfStream(req, etag, raw.stream, raw.size));
  }

  /**
   * The message's header block (`TOP n 0`): each header name (lower case) with its decoded
   * values, and the block as the server sent it in `raw` (bytes read as Latin-1, so none is
   * lost). Cheaper than the whole message: the body is never fetched.
   * @summary Read a message's headers
   * @param id The message's UIDL value, URL-encoded.
   * @param notModified Not modified: `If-None-Match` already names this representation (a message never changes under its id).
   * @pattern id ^[\x21-\x7E]{1,70}$
   */
  @Get('{id}/headers')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse<{ ETag: string }>(200, 'The header block')
  @Example<MessageHeaders>({
    id: '00000001575d3e1c',
    headers: {
      from: ['Alice Example <alice@example.org>'],
      to: ['bob@example.org'],
      subject: ['Quarterly report'],
      date: ['Fri, 31 Jan 2025 09:12:44 +0000'],
    },
    raw: 'From: Alice Example <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Quarterly report\r\nDate: Fri, 31 Jan 2025 09:12:44 +0000\r\n',
  })
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, MESSAGE_NOT_FOUND, messageNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async getMessageHeaders(
    @Request() req: ExpressRequest,
    @Path() id: string,
    @Res() notModified: NotModified,
  ): Promise<MessageHeaders> {
    const etag = messageEtag(parseMessageId(id), HEADERS);
    const headers = await this.service.headers(accessOf(req), id);
    if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return notModified(304, undefined, { ETag: etag });
    this.setHeader('ETag', etag);
    return headers;
  }

  /**
   * One attachment's decoded bytes, with its own `Content-Type` and
   * `Content-Disposition: attachment` carrying its file name (RFC 6266, UTF-8 in
   * `filename*`). `index` is the attachment's position in the `attachments` of
   * GET /messages/{id}. A single `Range: bytes=a-b` gets 206 with `Content-Range: bytes a-b/length`
   * (416 past the end), `If-Range` with the ETag; several ranges get the whole attachment.
   * @summary Download an attachment
   * @param id The message's UIDL value, URL-encoded.
   * @param index The attachment's `index`, from 0 (at most 9999: no real message has more parts).
   * @param notModified Not modified: `If-None-Match` already names this attachment (a message never changes under its id).
   * @pattern id ^[\x21-\x7E]{1,70}$
   * @isInt index
   * @minimum index 0
   * @maximum index 9999
   */
  @Get('{id}/attachments/{index}')
  @Middlewares(onlyQueryParameters())
  @Produces('application/octet-stream')
  @SuccessResponse<{ ETag: string; 'Content-Disposition': string; 'Accept-Ranges': string }>(200, "The attachment's bytes; the actual Content-Type is the attachment's own", 'application/octet-stream')
  @Response<Bytes, { ETag: string; 'Content-Range': string }>(206, 'The bytes of a single `Range: bytes=a-b` (`If-Range` permitting): `Content-Range: bytes a-b/length`')
  @Response<ProblemJson, { 'Content-Range': string }>(416, RANGE_NOT_SATISFIABLE, rangeNotSatisfiableExample, PROBLEM_JSON)
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ATTACHMENT_NOT_FOUND, attachmentNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson>(413, MESSAGE_TOO_LARGE, messageTooLargeExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async getAttachment(
    @Request() req: ExpressRequest,
    @Path() id: string,
    @Path() index: number,
    @Res() notModified: NotModified,
  ): Promise<Bytes> {
    const etag = messageEtag(parseMessageId(id), attachmentRepresentation(index));
    if (await holdsCurrentCopy(req, this.service, id, etag)) return notModified(304, undefined, { ETag: etag });
    const attachment = await this.service.attachment(accessOf(req), id, index);
    this.setHeader('Content-Type', safeContentType(attachment.contentType));
    this.setHeader('Content-Disposition', attachmentDisposition(attachment.filename));
    this.setHeader('Content-Security-Policy', UNTRUSTED_CONTENT_POLICY);
    this.setHeader('ETag', etag);
    return this.ranged(req, rangeOfBuffer(req, etag, attachment.content));
  }

  /** A whole body (200) or the part `Range` asked for (206), with their headers. */
  private ranged(req: ExpressRequest, answer: RangedAnswer): Bytes {
    this.setStatus(answer.status);
    for (const [name, value] of Object.entries(answer.headers)) this.setHeader(name, value);
    return streamedBody(req, answer.body);
  }

  /**
   * Deletes the message from the maildrop: `DELE` and then `QUIT` on a POP3 session logged in
   * for this request, and 204 only once the server confirmed both (POP3 commits deletions at
   * `QUIT`) **and** a session logged in afterwards no longer lists the id. Some servers
   * (Courier) can answer `+OK` to `QUIT` and keep the message: that is 502
   * `upstream_protocol_error`, never 204. The mailbox's cached listing is dropped, so the
   * next listing no longer shows it. Costs two POP3 logins.
   * @summary Delete a message
   * @param id The message's UIDL value, URL-encoded.
   * @pattern id ^[\x21-\x7E]{1,70}$
   */
  @Delete('{id}')
  @Middlewares(onlyQueryParameters())
  @SuccessResponse(204, 'Deleted: the server committed the deletion')
  @Response<ProblemJson>(400, BAD_ID, badIdExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, UNAUTHORIZED, unauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, MESSAGE_NOT_FOUND, messageNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson>(502, UPSTREAM_PROTOCOL_ERROR, upstreamProtocolErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, UPSTREAM_UNAVAILABLE, upstreamUnavailableExample, PROBLEM_JSON)
  @Response<ProblemJson>(504, UPSTREAM_TIMEOUT, upstreamTimeoutExample, PROBLEM_JSON)
  public async deleteMessage(@Request() req: ExpressRequest, @Path() id: string): Promise<void> {
    await this.service.delete(accessOf(req), parseMessageId(id));
  }
}
