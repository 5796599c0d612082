import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { remembered } from '../input/remembered';

/** The content-codings popgate sends (RFC 9110 section 8.4.1); identity is the absence of one. */
export type ContentCoding = 'br' | 'gzip';

/** Below this a JSON answer goes as it is: a few hundred bytes fit one packet either way. */
export const COMPRESS_MIN_BYTES = 1024;

/** Brotli's default quality (11) costs ~50× quality 5 for a few percent on JSON; pages are compressed in the request. */
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

/**
 * The coding to send for an `Accept-Encoding` (RFC 9110 section 12.5.3): the acceptable one
 * with the highest q-value, br before gzip at equal q; `*` stands for any coding not named;
 * `q=0` means "not this one". No header, or nothing acceptable: null (identity).
 */
export function negotiateCoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (acceptEncoding === undefined) return null;
  return acceptEncoding.length > MAX_NEGOTIATED_LENGTH ? chooseCoding(acceptEncoding) : negotiatedCoding(acceptEncoding);
}

/**
 * Accept-Encoding values negotiated before, and their answers: a client sends the same value
 * with every request, and parsing it (split, trim, a Map of weights) cost about as much as the
 * rest of the fast lane's own work on a cached page. At most 64 values of at most 256
 * characters (a browser's is 20–40).
 */
const negotiatedCoding = remembered(chooseCoding, 64);
const MAX_NEGOTIATED_LENGTH = 256;

function chooseCoding(acceptEncoding: string): ContentCoding | null {
  if (acceptEncoding.trim() === '') return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: ContentCoding): number => weights.get(coding) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce<ContentCoding | null>((chosen, coding) => {
    const w = weightOf(coding);
    return w > 0 && (chosen === null || w > weightOf(chosen)) ? coding : chosen;
  }, null);
  return best;
}

/**
 * The ETag of a coded representation. RFC 9110 section 8.8.3: a strong ETag names exact
 * bytes, so the br and gzip bodies each get their own (`"tag"` → `"tag+br"`); `+` is outside
 * base64url, so it never collides with an identity tag. If-None-Match compares the tag
 * before the `+` (see ifNoneMatchHits): any coding of an unchanged resource is a 304.
 */
export function codedEtag(etag: string, coding: ContentCoding | null): string {
  return coding === null ? etag : `${etag.slice(0, -1)}+${coding}"`;
}

export function compressSync(body: Buffer, coding: ContentCoding): Buffer {
  return coding === 'br' ? brotliCompressSync(body, BROTLI_OPTIONS) : gzipSync(body);
}

export function compress(body: Buffer, coding: ContentCoding): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, result: Buffer): void => (err ? reject(err) : resolve(result));
    if (coding === 'br') brotliCompress(body, BROTLI_OPTIONS, done);
    else gzip(body, done);
  });
}

/**
 * The coding for a JSON body of `size` bytes to this request, with `Vary: Accept-Encoding`
 * set whenever the answer depends on that header (every body over the threshold, coded or not).
 */
export function codingFor(req: IncomingMessage, res: ServerResponse, size: number): ContentCoding | null {
  if (size < COMPRESS_MIN_BYTES) return null;
  res.setHeader('Vary', 'Accept-Encoding');
  return negotiateCoding(req.headers['accept-encoding']);
}
