import type { RequestHandler } from 'express';
import { codedEtag, codingFor, compress } from './content-coding';

/**
 * Compresses the JSON answers of the express routes (`res.json`: a parsed message, a header
 * block, capabilities…) when the client accepts br or gzip and the body is over
 * COMPRESS_MIN_BYTES. Streamed bodies (message/rfc822, attachments) never pass here: the
 * first is the server's bytes, the second often already compressed. Listing pages have their
 * own, memoized copies (send.ts).
 */
export const compressedJson: RequestHandler = (req, res, next) => {
  const plainJson = res.json.bind(res);
  res.json = (value: unknown) => {
    const body = Buffer.from(JSON.stringify(value) ?? '', 'utf8');
    const coding = codingFor(req, res, body.length);
    if (coding === null) return plainJson(value);
    const etag = res.get('ETag');
    if (etag !== undefined) res.set('ETag', codedEtag(etag, coding));
    compress(body, coding).then(
      (coded) => {
        if (res.headersSent || res.destroyed) return;
        res.set('Content-Encoding', coding);
        if (!res.get('Content-Type')) res.type('application/json; charset=utf-8');
        res.send(coded);
      },
      (err: unknown) => next(err),
    );
    return res;
  };
  next();
};
