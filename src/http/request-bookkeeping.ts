import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { randomUuid } from './random-uuid';

/**
 * What every request gets before anything answers it, whether the fast lane or an express
 * route does: an id (echoed, and bound to its log lines), timing for metrics, nosniff.
 */

/** Starts a request: its id, its timing (the route named once it is over), nosniff. */
export function startRequest(req: IncomingMessage, res: ServerResponse, track: RequestTracker, routeOf: () => string): void {
  giveRequestId(req, res);
  track.untilClose(req, res, routeOf);
  // Served bytes may come from whoever sent the mail: browsers must never guess another type.
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * The headers startRequest sets, for a response whose head is written in one `writeHead`: the
 * request's id and nosniff, returned (name, value, …) instead of set one by one. The caller
 * times the request itself (RequestTracker's `start` and `answered`).
 */
export function requestHeaders(req: IncomingMessage): string[] {
  return [REQUEST_ID_HEADER, requestIdOf(req), 'X-Content-Type-Options', 'nosniff'];
}

/** The header a request id arrives in (from a proxy or client) and is echoed back in. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * A caller's id is kept only when it is short and plain: it is written into every log line
 * and a response header, so anything else (spaces, CR/LF, 1 KB) is replaced by our own.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:/+=@-]{1,128}$/;

/** A request's id, kept on the request itself (a WeakMap entry per request costs more); declared by messageClassesFor. */
export const REQUEST_ID = Symbol('popgate request id');
type IdentifiedRequest = IncomingMessage & { [REQUEST_ID]?: string };

/**
 * Gives a request its id: the caller's `X-Request-Id` when acceptable, else a new UUID.
 * It is echoed in the response's `X-Request-Id` and carried by `requestLogger(req)`.
 */
export function giveRequestId(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader(REQUEST_ID_HEADER, requestIdOf(req));
}

/** Decides the request's id (see giveRequestId) and remembers it for requestLogger. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUuid();
  (req as IdentifiedRequest)[REQUEST_ID] = id;
  return id;
}

/**
 * A child of `logger` with this request's id bound as `reqId`, made only when something is
 * about to be logged (most requests log nothing). `logger` itself for a request without an id.
 */
export function requestLogger(req: IncomingMessage, logger: Logger): Logger;
export function requestLogger(req: IncomingMessage, logger: Logger | undefined): Logger | undefined;
export function requestLogger(req: IncomingMessage, logger: Logger | undefined): Logger | undefined {
  if (logger === undefined) return undefined;
  const id = (req as IdentifiedRequest)[REQUEST_ID];
  if (id === undefined) return logger;
  return logger.child({ reqId: id });
}

/** One finished HTTP request, as metrics see it. */
export interface HttpRequestSample {
  method: string;
  /** The route pattern (`/messages/:id`), never the concrete path: ids would explode label sets. */
  route: string;
  status: number;
  durationSeconds: number;
}

/** Hooks for a metrics module; everything optional so the HTTP layer works without one. */
export interface HttpMetrics {
  /** Called once per finished (or aborted) request. */
  observeRequest?(sample: HttpRequestSample): void;
  /** Called with the error of every failed request, as it is answered. */
  observeFailure?(err: unknown): void;
  /** Served at `GET /metrics` when given (Prometheus text, for instance). */
  handler?: RequestHandler;
}

/** Times requests and reports each once its response is over; `routeOf` names its route then. */
export interface RequestTracker {
  /** Times a request until its response closes: express routes, whose answers may stream or wait on I/O. */
  untilClose(req: IncomingMessage, res: ServerResponse, routeOf: () => string): void;
  /** The clock reading a request answered synchronously (the fast lane) starts from: see `answered`. */
  start(): bigint;
  /**
   * Reports a request whose response was just ended: at once when all of its bytes are with the
   * kernel (a cached page almost always is), else at its 'close', as untilClose does, so that a
   * client gone before the last byte still counts as 499. Spares the common case the listener
   * and closure untilClose costs every response.
   */
  answered(req: IncomingMessage, res: ServerResponse, routeOf: () => string, started: bigint): void;
}

/** Times every request and reports it to the metrics hook and, at debug level, the log. */
export function requestTracker(metrics: HttpMetrics | undefined, logger: Logger | undefined): RequestTracker {
  const observe = metrics?.observeRequest?.bind(metrics);
  const logs = logger?.isLevelEnabled('debug') === true;
  if (!observe && !logs) return { untilClose: () => undefined, start: () => 0n, answered: () => undefined };
  // `process` is an accessor on the global object: read once, not per request.
  const { hrtime } = process;
  const now = (): bigint => hrtime.bigint();
  const report = (req: IncomingMessage, res: ServerResponse, routeOf: () => string, started: bigint): void => {
    const sample: HttpRequestSample = {
      method: req.method ?? 'GET',
      route: routeOf(),
      status: res.writableFinished ? res.statusCode : 499,
      durationSeconds: Number(now() - started) / 1e9,
    };
    observe?.(sample);
    if (logs) requestLogger(req, logger)?.debug(sample, 'request');
  };
  const untilClose = (req: IncomingMessage, res: ServerResponse, routeOf: () => string, started = now()): void => {
    // 'close' comes once per response; `on` spares the wrapper `once` makes.
    res.on('close', () => report(req, res, routeOf, started));
  };
  return {
    untilClose,
    start: now,
    answered: (req, res, routeOf, started) => {
      if (res.writableFinished) report(req, res, routeOf, started);
      else untilClose(req, res, routeOf, started);
    },
  };
}

const mounts = new WeakMap<IncomingMessage, string>();

/**
 * Says that the routes serving this request are mounted under `prefix` (a route template such
 * as `/accounts/:account`) though the URL was rewritten to reach them: its metrics label is then
 * `prefix` + the route's own.
 */
export function mountRoutes(req: IncomingMessage, prefix: string): void {
  mounts.set(req, prefix);
}

/** The route express matched, as a metrics label (`unmatched` for none). */
export function expressRouteOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return (mounts.get(req) ?? '') + req.baseUrl + pattern;
  return req.baseUrl !== '' ? req.baseUrl : 'unmatched';
}
