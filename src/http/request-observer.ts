import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogger } from './request-id';

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

/** Starts timing one request; `routeOf` names its route once the response is over. */
export type RequestTracker = (req: IncomingMessage, res: ServerResponse, routeOf: () => string) => void;

/** Times every request and reports it to the metrics hook and, at debug level, the log. */
export function requestTracker(metrics: HttpMetrics | undefined, logger: Logger | undefined): RequestTracker {
  const observe = metrics?.observeRequest?.bind(metrics);
  const logs = logger?.isLevelEnabled('debug') === true;
  if (!observe && !logs) return () => undefined;
  return (req, res, routeOf) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const sample: HttpRequestSample = {
        method: req.method ?? 'GET',
        route: routeOf(),
        status: res.writableFinished ? res.statusCode : 499,
        durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      };
      observe?.(sample);
      if (logs) requestLogger(req, logger)?.debug(sample, 'request');
    });
  };
}

/** The route express matched, as a metrics label (`unmatched` for none). */
export function expressRouteOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return req.baseUrl + pattern;
  return req.baseUrl !== '' ? req.baseUrl : 'unmatched';
}
