import type { IncomingMessage, ServerResponse } from 'node:http';
import { giveRequestId } from './request-id';
import type { RequestTracker } from './request-observer';

/**
 * What every request gets before anything answers it, whether the fast lane or an express
 * route does: a request id, timing for metrics (the route named once it is over), nosniff.
 */
export function startRequest(req: IncomingMessage, res: ServerResponse, track: RequestTracker, routeOf: () => string): void {
  giveRequestId(req, res);
  track(req, res, routeOf);
  // Served bytes may come from whoever sent the mail: browsers must never guess another type.
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
