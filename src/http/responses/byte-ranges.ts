import { type Readable, Readable as ReadableStream, Transform } from 'node:stream';
import type { Request } from 'express';
import { type ByteRange, requestedRange, resolveRange } from '../input/byte-range';
import { ListedSizeMismatchError, RangeNotSatisfiableError } from '../problems/http-errors';

/** What a controller sends for a body that may be asked for in part. */
export interface RangedAnswer {
  status: 200 | 206;
  headers: Record<string, string>;
  body: Readable;
}

/**
 * Bytes whose length is known (an attachment): the range of `Range`, exactly — 206 with
 * `Content-Range: bytes a-b/length` — or all of them.
 * @throws RangeNotSatisfiableError when the range starts past the end
 */
export function rangeOfBuffer(req: Request, etag: string, content: Buffer): RangedAnswer {
  const asked = requestedRange(req, etag);
  const whole: RangedAnswer = { status: 200, headers: { 'Accept-Ranges': 'bytes', 'Content-Length': String(content.length) }, body: ReadableStream.from([content]) };
  if (!asked) return whole;
  const range = resolveRange(asked, content.length);
  if (!range) throw new RangeNotSatisfiableError(content.length);
  return {
    status: 206,
    headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${range.start}-${range.end}/${content.length}`, 'Content-Length': String(range.end - range.start + 1) },
    body: ReadableStream.from([content.subarray(range.start, range.end + 1)]),
  };
}

/**
 * A RETR stream whose exact length is only known at its end; `listedSize` is LIST's count.
 * The range is placed by LIST's size and checked against what RETR sends: 206 with
 * `Content-Range: bytes a-b/*` (RFC 9110 section 14.4: the complete length is not claimed,
 * only the positions), the octets before `a` read and dropped, the session given up once `b`
 * is sent (unless that is LIST's end: then the rest is drained and the session kept). If RETR
 * ends before `b`, the connection is cut: never fewer bytes than Content-Length says.
 * A range LIST says is past the end is not taken on LIST's word: the message is counted, and
 * only if it really ends before the range is the answer 416 (`bytes *\/<octets sent>`).
 */
export function rangeOfStream(req: Request, etag: string, stream: Readable, listedSize: number): RangedAnswer {
  const asked = requestedRange(req, etag);
  if (!asked) return { status: 200, headers: { 'Accept-Ranges': 'bytes' }, body: stream };
  const range = resolveRange(asked, listedSize);
  if (!range) {
    const start = 'suffix' in asked ? 0 : asked.first;
    return { status: 200, headers: { 'Accept-Ranges': 'bytes' }, body: slice(stream, { start, end: Infinity }, listedSize) };
  }
  return {
    status: 206,
    headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${range.start}-${range.end}/*`, 'Content-Length': String(range.end - range.start + 1) },
    body: slice(stream, range, listedSize),
  };
}

/**
 * The octets `start..end` of `source`. An unbounded `end` (a range LIST says is unsatisfiable)
 * passes nothing: it counts the message and fails with 416 or, if the message did reach
 * `start` after all, with ListedSizeMismatchError. Failures before the first octet become
 * problem answers (streamedBody); after it they cut the connection.
 */
function slice(source: Readable, { start, end }: ByteRange, listedSize: number): Readable {
  let offset = 0;
  let done = false;
  const part = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      const at = offset;
      offset += chunk.length;
      if (done) return next();
      if (end === Infinity) return offset > start ? next(new ListedSizeMismatchError(listedSize, `at least ${offset}`)) : next();
      const from = Math.max(0, start - at);
      const to = Math.min(chunk.length, end + 1 - at);
      if (to > from) this.push(chunk.subarray(from, to));
      if (offset > end) {
        done = true;
        this.push(null);
        // Mid-message: the session cannot be resynced, so stop reading it. At LIST's end only
        // the terminator is left, and draining keeps the session for the next request.
        if (end < listedSize - 1) source.destroy();
      }
      next();
    },
    flush(next) {
      if (done) return next();
      if (offset <= start) return next(new RangeNotSatisfiableError(offset));
      next(new ListedSizeMismatchError(listedSize, `${offset}`));
    },
  });
  source.once('error', (err) => part.destroy(err));
  part.once('close', () => {
    if (!done && !source.readableEnded) source.destroy();
  });
  source.pipe(part);
  return part;
}
