import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import type { SerializedPage } from '../../services/mailbox-service';
import { contextOf } from '../tsoa-hooks';
import { codedEtag, COMPRESS_MIN_BYTES, compressSync, type ContentCoding, negotiateCoding } from './content-coding';
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

/**
 * Writes a pre-serialized JSON page with its ETag, or 304 when `If-None-Match` names it;
 * br or gzip when the client accepts it and the page is over COMPRESS_MIN_BYTES.
 * `headers` (name, value, name, value…) go first: the fast lane passes the ones startRequest
 * would have set, so the whole head is written by one `writeHead` (each `setHeader` costs a
 * validation and a copy).
 */
export function sendPage(req: IncomingMessage, res: ServerResponse, page: SerializedPage, headers: string[] = []): void {
  const entry = encoded(page);
  const negotiated = entry.body.length >= COMPRESS_MIN_BYTES;
  // The answer depends on Accept-Encoding whenever the body is large enough to be coded, coded or not.
  const coding = negotiated ? negotiateCoding(req.headers['accept-encoding']) : null;
  if (negotiated) headers.push('Vary', 'Accept-Encoding');
  headers.push('ETag', codedEtag(entry.etag, coding));
  if (ifNoneMatchHits(req.headers['if-none-match'], entry.etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  const body = coding === null ? entry.body : codedBody(entry, coding);
  headers.push('Content-Type', JSON_UTF8);
  if (coding !== null) headers.push('Content-Encoding', coding);
  headers.push('Content-Length', String(body.length));
  res.writeHead(res.statusCode, headers).end(body);
}

const JSON_UTF8 = 'application/json; charset=utf-8';

interface EncodedPage {
  body: Buffer;
  etag: string;
  /** Compressed copies, each made the first time a client asks for that coding. */
  coded: Partial<Record<ContentCoding, Buffer>>;
}

/**
 * A page's UTF-8 bytes, quoted ETag and compressed copies, made once per page object: cached
 * pages are the same object request after request (see ListingStore), so the hot path
 * (the fast lane included) never re-encodes nor re-compresses.
 */
const encodedPages = new WeakMap<SerializedPage, EncodedPage>();
function encoded(page: SerializedPage): EncodedPage {
  let entry = encodedPages.get(page);
  if (!entry) {
    entry = { body: Buffer.from(page.json, 'utf8'), etag: page.etag, coded: {} };
    encodedPages.set(page, entry);
  }
  return entry;
}

function codedBody(entry: EncodedPage, coding: ContentCoding): Buffer {
  return (entry.coded[coding] ??= compressSync(entry.body, coding));
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
