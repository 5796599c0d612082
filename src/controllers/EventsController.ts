import type { Request as ExpressRequest } from 'express';
import { Controller, Example, Get, Header, Middlewares, Produces, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { SecretsUnavailableError } from '../accounts/errors';
import type { EventLog } from '../events/event-log';
import { cursorOf, eventFilterOf } from '../http/events/event-filter';
import { onlyQueryParameters } from '../http/input/query-parameters';
import type { ControllerDeps } from '../http/tsoa-hooks';
import { contextOf } from '../http/tsoa-hooks';
import type { EventList, EventStreamText, LoggedEvent } from '../models/event';
import type { ProblemJson } from '../models/problem';
import {
  ACCOUNT_NOT_FOUND,
  accountNotFoundExample,
  BAD_EVENT_QUERY,
  badEventQueryExample,
  EVENT_LOG_UNAVAILABLE,
  FORBIDDEN,
  forbiddenExample,
  INTERNAL_ERROR,
  internalErrorExample,
  PROBLEM_JSON,
  RATE_LIMITED,
  rateLimitedExample,
  TOKEN_UNAUTHORIZED,
  tokenUnauthorizedExample,
  eventLogUnavailableExample,
} from './problem-responses';

/**
 * New-mail events of registered accounts (docs/events.md), read from the event log: a page at
 * a time, or as a live `text/event-stream`.
 */
@Route('events')
@Tags('Events')
@Security('token', ['events:read'])
export class EventsController extends Controller {
  private readonly log: EventLog | null;

  constructor({ events }: Pick<ControllerDeps, 'events'>) {
    super();
    this.log = events;
  }

  /**
   * The event log, oldest first: `items` after the cursor `after`, and `next`, the cursor to
   * pass as `after` for the next page (never null; an empty page means you are caught up —
   * poll again with the same `after`). Without `after` it starts at the oldest event kept
   * (EVENT_RETENTION events are kept). When `after` is older than that, `reset` is true: events
   * between were dropped, and the page starts at the oldest one kept. With filters, a page may
   * come back short before the end: go on from `next`. A token bound to an account sees that
   * account's events only.
   * @summary Read the event log
   * @param after Read the events recorded after this cursor (an event's `cursor`, or a page's `next`).
   * @param limit Events per page.
   * @param account Only this account's events.
   * @param type Only these types: `message.received`, `message.deleted`, `account.status`; repeat the parameter or separate with commas.
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 1000
   * @pattern account ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  @Get()
  @Middlewares(onlyQueryParameters('after', 'limit', 'account', 'type'))
  @Example<EventList>({
    items: [
      {
        id: 'evt_Jq0vY3c9Hn2XwR8sT5aLkP1mZ4uB7eD6',
        type: 'message.received',
        timestamp: '2026-11-30T10:00:00.000Z',
        account: 'support',
        data: {
          id: '0000000158f1c2a3',
          size: 1843,
          headers: { subject: 'Hello', from: 'Ann <ann@example.com>', to: 'support@example.com', date: 'Mon, 30 Nov 2026 10:00:00 +0000', messageId: '<1@example.com>' },
        },
        cursor: '1764496800000-0',
      },
    ],
    next: '1764496800000-0',
    reset: false,
  })
  @Response<ProblemJson>(400, BAD_EVENT_QUERY, badEventQueryExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, EVENT_LOG_UNAVAILABLE, eventLogUnavailableExample, PROBLEM_JSON)
  public async listEvents(
    @Request() req: ExpressRequest,
    @Query() after?: string,
    @Query() limit = 100,
    @Query() account?: string,
    @Query() type?: string[],
  ): Promise<EventList> {
    const log = this.eventLog();
    const filter = eventFilterOf(req, account, type);
    const page = await log.page({ ...filter, after: cursorOf(after, 'after'), limit });
    const items: LoggedEvent[] = page.items;
    return { items, next: page.next, reset: page.expired };
  }

  /**
   * New events as they are recorded, as Server-Sent Events: `id:` is the event's cursor,
   * `event:` its type, `data:` its JSON. Without `Last-Event-ID` or `after` the stream starts
   * live (from now); with one it first sends every event recorded after that cursor, then goes
   * on live, with no gap and no repeat — EventSource resends `Last-Event-ID` by itself when it
   * reconnects, and it wins over `after`. A cursor older than the log gets one `event: reset`
   * first. A `: keep-alive` comment goes out after 15 s without an event. A client that leaves
   * too much unread is disconnected: reconnect with `Last-Event-ID` and nothing is lost.
   * @summary Stream events (SSE)
   * @param account Only this account's events.
   * @param type Only these types: `message.received`, `message.deleted`, `account.status`; repeat the parameter or separate with commas.
   * @param after Start right after this cursor (as `Last-Event-ID` does).
   * @param lastEventId The cursor of the last event received (EventSource sends it when it reconnects).
   * @pattern account ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  @Get('stream')
  @Middlewares(onlyQueryParameters('account', 'type', 'after'))
  @Produces('text/event-stream')
  @SuccessResponse<{ 'Cache-Control': string }>(200, 'The event stream; it stays open', 'text/event-stream')
  @Response<ProblemJson>(400, BAD_EVENT_QUERY, badEventQueryExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'WWW-Authenticate': string }>(401, TOKEN_UNAUTHORIZED, tokenUnauthorizedExample, PROBLEM_JSON)
  @Response<ProblemJson>(403, FORBIDDEN, forbiddenExample, PROBLEM_JSON)
  @Response<ProblemJson>(404, ACCOUNT_NOT_FOUND, accountNotFoundExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(429, RATE_LIMITED, rateLimitedExample, PROBLEM_JSON)
  @Response<ProblemJson>(500, INTERNAL_ERROR, internalErrorExample, PROBLEM_JSON)
  @Response<ProblemJson, { 'Retry-After': string }>(503, EVENT_LOG_UNAVAILABLE, eventLogUnavailableExample, PROBLEM_JSON)
  public async streamEvents(
    @Request() req: ExpressRequest,
    @Query() account?: string,
    @Query() type?: string[],
    @Query() after?: string,
    @Header('Last-Event-ID') lastEventId?: string,
  ): Promise<EventStreamText> {
    const log = this.eventLog();
    const filter = eventFilterOf(req, account, type);
    const from = cursorOf(lastEventId, 'Last-Event-ID') ?? cursorOf(after, 'after') ?? null;
    await contextOf(req).eventStreams.start(req.res!, log, filter, from);
    // The stream is under way (its headers are sent): tsoa leaves such a response alone.
    return '';
  }

  private eventLog(): EventLog {
    if (!this.log) throw new SecretsUnavailableError();
    return this.log;
  }
}
