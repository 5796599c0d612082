import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import type { SerializedPage } from '../../services/mailbox-service';
import { contextOf } from '../tsoa-hooks';
import { ifNoneMatchHits } from './etag';

/**
 * Writes a pre-serialized JSON page as-is (no parse, no re-stringify), or 304 when the
 * caller's `If-None-Match` already names it.
 *
 * Returns a placeholder typed as the page's model: tsoa skips responses that were already
 * sent, and the type parameter keeps the controller's signature — and so the OpenAPI
 * schema — saying what the bytes are.
 */
export function sendSerializedJson<Model>(req: Request, page: SerializedPage): Model {
  sendPage(req, responseOf(req), page);
  return undefined as Model;
}

/** Writes a pre-serialized JSON page with its ETag, or 304 when `If-None-Match` names it. */
export function sendPage(req: IncomingMessage, res: ServerResponse, page: SerializedPage): void {
  const { body, etag } = encoded(page);
  res.setHeader('ETag', etag);
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
    res.statusCode = 304;
    res.end();
  } else {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  }
}

/**
 * A page's UTF-8 bytes and quoted ETag, made once per page object: cached pages are the same
 * object request after request (see ListingStore), so the hot path never re-encodes.
 */
const encodedPages = new WeakMap<SerializedPage, { body: Buffer; etag: string }>();
function encoded(page: SerializedPage): { body: Buffer; etag: string } {
  let entry = encodedPages.get(page);
  if (!entry) {
    entry = { body: Buffer.from(page.json, 'utf8'), etag: page.etag };
    encodedPages.set(page, entry);
  }
  return entry;
}

/**
 * Prepares a body stream for tsoa to pipe into the response: a failure before the first
 * byte becomes a problem+json answer, one after it cuts the connection (never JSON glued
 * to half a message), and a client that goes away destroys the stream so its POP3 session
 * is released instead of reading the rest of a message nobody wants.
 */
export function streamedBody(req: Request, body: Readable): Readable {
  const res = responseOf(req);
  body.once('error', (err) => {
    contextOf(req).reportError(err, req, res);
  });
  res.once('close', () => {
    if (!res.writableFinished && !body.destroyed) body.destroy();
  });
  return body;
}

function responseOf(req: Request): Response {
  if (!req.res) throw new Error('request has no response attached');
  return req.res;
}
