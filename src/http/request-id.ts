import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** The header a request id arrives in (from a proxy or client) and is echoed back in. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * A caller's id is kept only when it is short and plain: it is written into every log line
 * and a response header, so anything else (spaces, CR/LF, 1 KB) is replaced by our own.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:/+=@-]{1,128}$/;

const requestIds = new WeakMap<IncomingMessage, string>();

/**
 * Gives a request its id: the caller's `X-Request-Id` when acceptable, else a new UUID.
 * It is echoed in the response's `X-Request-Id` and carried by `requestLogger(req)`.
 */
export function giveRequestId(req: IncomingMessage, res: ServerResponse): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
  requestIds.set(req, id);
  res.setHeader(REQUEST_ID_HEADER, id);
}

/**
 * A child of `logger` with this request's id bound as `reqId`, made only when something is
 * about to be logged (most requests log nothing). `logger` itself for a request without an id.
 */
export function requestLogger(req: IncomingMessage, logger: Logger): Logger;
export function requestLogger(req: IncomingMessage, logger: Logger | undefined): Logger | undefined;
export function requestLogger(req: IncomingMessage, logger: Logger | undefined): Logger | undefined {
  if (logger === undefined) return undefined;
  const id = requestIds.get(req);
  if (id === undefined) return logger;
  return logger.child({ reqId: id });
}
