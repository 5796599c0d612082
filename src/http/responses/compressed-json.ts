import type { Express, Response } from 'express';
import { codedEtag, codingFor, compress } from './content-coding';

/**
 * Makes `res.json` of the app's responses (a parsed message, a header block, capabilities…)
 * compress when the client accepts br or gzip and the body is over COMPRESS_MIN_BYTES.
 * Streamed bodies (message/rfc822, attachments) never pass here: the first is the server's
 * bytes, the second often already compressed. Listing pages have their own, memoized copies
 * (send.ts). Set on `app.response`, the responses' prototype, rather than on each response: a
 * field added per response would give responses another shape (see messageClassesFor).
 */
export function compressJsonAnswers(app: Express): void {
  const plainJson = app.response.json;
  app.response.json = function json(this: Response, value: unknown) {
    const body = Buffer.from(JSON.stringify(value) ?? '', 'utf8');
    const coding = codingFor(this.req, this, body.length);
    if (coding === null) return plainJson.call(this, value);
    const etag = this.get('ETag');
    if (etag !== undefined) this.set('ETag', codedEtag(etag, coding));
    compress(body, coding).then(
      (coded) => {
        if (this.headersSent || this.destroyed) return;
        this.set('Content-Encoding', coding);
        if (!this.get('Content-Type')) this.type('application/json; charset=utf-8');
        this.send(coded);
      },
      (err: unknown) => this.req.next?.(err),
    );
    return this;
  };
}
