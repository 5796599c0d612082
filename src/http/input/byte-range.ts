import type { IncomingMessage } from 'node:http';

/** One `bytes=` range as asked: `first-[last]`, or the last `suffix` octets (`-n`). */
export type ByteRangeRequest = { first: number; last?: number } | { suffix: number };

/** Inclusive octet positions, resolved against a length. */
export interface ByteRange {
  start: number;
  end: number;
}

const SINGLE_RANGE = /^bytes=\s*(?:(\d{1,15})-(\d{1,15})?|-(\d{1,15}))\s*$/i;

/**
 * The single range to serve, or null for the whole representation (RFC 9110 section 14.2):
 * no `Range`, one the server may ignore (several ranges, another unit, bad syntax, `last`
 * before `first`), or an `If-Range` that does not name this strong ETag exactly (the
 * caller's partial copy is of something else; it gets all of it). A date in If-Range never
 * matches: popgate sends no Last-Modified.
 */
export function requestedRange(req: IncomingMessage, etag: string): ByteRangeRequest | null {
  const header = req.headers.range;
  // RFC 9110 section 14.2: Range is defined for GET only (a HEAD runs the GET of an attachment).
  if (header === undefined || req.method === 'HEAD') return null;
  const ifRange = req.headers['if-range'];
  if (ifRange !== undefined && String(ifRange).trim() !== etag) return null;
  const match = SINGLE_RANGE.exec(header);
  if (!match) return null;
  const [, first, last, suffix] = match;
  if (suffix !== undefined) return { suffix: Number(suffix) };
  if (last !== undefined && Number(last) < Number(first)) return null;
  return last === undefined ? { first: Number(first) } : { first: Number(first), last: Number(last) };
}

/** The octets of a `length`-octet representation the range selects; null when none (416). */
export function resolveRange(range: ByteRangeRequest, length: number): ByteRange | null {
  if ('suffix' in range) {
    return range.suffix === 0 || length === 0 ? null : { start: Math.max(0, length - range.suffix), end: length - 1 };
  }
  if (range.first >= length) return null;
  return { start: range.first, end: Math.min(range.last ?? length - 1, length - 1) };
}
