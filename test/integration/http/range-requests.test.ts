/**
 * `Range` on /raw and attachments against a private Dovecot: the bytes at the positions
 * asked, compared with what Dovecot stores; 416 past the end; If-Range; and a range that ends
 * mid-message gives its session up without hurting the next request.
 */
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { readMailGem } from '../../support/fixtures';
import { httpAppFor, listening, streamGet, type HttpApp, type StreamedResponse } from '../../support/http-app';
import { asRetrievedFromDovecot, largeMessage } from '../../support/messages';
import { asAlice, uidsOnServer } from './helpers';

describe('Range requests against Dovecot', () => {
  let dovecot: DovecotServer;
  let gw: HttpApp;
  let server: Awaited<ReturnType<typeof listening>>;
  let ids: string[];
  let retrieved: Buffer[];

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.deliver('alice', largeMessage(300_000));
    await dovecot.deliver('alice', readMailGem('attachment_emails_attachment_pdf.eml'));
    ids = await uidsOnServer(dovecot);
    retrieved = (await dovecot.storedMessages('alice')).map(asRetrievedFromDovecot);
    gw = httpAppFor(dovecot, { timeoutMs: 5000, pool: { maxAgeMs: 60_000 } });
    server = await listening(gw.app);
  });

  afterAll(async () => {
    await server?.close();
    await gw?.close();
    await dovecot?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}): Promise<StreamedResponse> => streamGet(server.port, path, { Authorization: asAlice, ...headers });

  it('serves a single range of /raw as 206 with Content-Range bytes a-b/*, the bytes Dovecot holds there', async () => {
    const message = retrieved[0]!;
    const whole = await get(`/messages/${ids[0]}/raw`);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(message)).toBe(true);
    const etag = whole.headers.etag!;
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=150000-150999', 150_000, 150_999],
      ['bytes=299000-', 299_000, message.length - 1],
      ['bytes=-1000', message.length - 1000, message.length - 1],
    ] as const) {
      const part = await get(`/messages/${ids[0]}/raw`, { Range: range, 'If-Range': etag });
      expect({ range, status: part.status, contentRange: part.headers['content-range'], length: part.headers['content-length'], complete: part.complete }).toEqual({
        range,
        status: 206,
        contentRange: `bytes ${start}-${end}/*`,
        length: String(end - start + 1),
        complete: true,
      });
      expect(part.body.equals(message.subarray(start, end + 1))).toBe(true);
      expect(part.headers.etag).toBe(etag);
    }
    // The sessions given up mid-message left nothing behind: the next reads are whole.
    expect((await get(`/messages/${ids[0]}/raw`)).body.equals(message)).toBe(true);
  });

  it('answers 416 with the real length past the end, and the whole message to a stale If-Range or several ranges', async () => {
    const message = retrieved[0]!;
    const past = await get(`/messages/${ids[0]}/raw`, { Range: `bytes=${message.length}-` });
    expect({ status: past.status, contentRange: past.headers['content-range'], type: past.headers['content-type'] }).toEqual({
      status: 416,
      contentRange: `bytes */${message.length}`,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    const wholeAnswers: Record<string, string>[] = [{ Range: 'bytes=0-9', 'If-Range': '"not-this-one"' }, { Range: 'bytes=0-9,20-29' }];
    for (const headers of wholeAnswers) {
      const whole = await get(`/messages/${ids[0]}/raw`, headers);
      expect(whole.status).toBe(200);
      expect(whole.headers['content-range']).toBeUndefined();
      expect(whole.body.equals(message)).toBe(true);
    }
  });

  it('serves ranges of an attachment with its exact length, 416 past it', async () => {
    const expected = (await simpleParser(retrieved[1]!)).attachments[0]!.content;
    const whole = await get(`/messages/${ids[1]}/attachments/0`);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(expected)).toBe(true);
    const part = await get(`/messages/${ids[1]}/attachments/0`, { Range: 'bytes=10-', 'If-Range': whole.headers.etag! });
    expect({ status: part.status, contentRange: part.headers['content-range'] }).toEqual({ status: 206, contentRange: `bytes 10-${expected.length - 1}/${expected.length}` });
    expect(part.body.equals(expected.subarray(10))).toBe(true);
    const past = await get(`/messages/${ids[1]}/attachments/0`, { Range: `bytes=${expected.length}-` });
    expect({ status: past.status, contentRange: past.headers['content-range'] }).toEqual({ status: 416, contentRange: `bytes */${expected.length}` });
    // Range is for GET: a HEAD (express runs the attachment's GET) describes the whole.
    const head = await request(gw.app).head(`/messages/${ids[1]}/attachments/0`).set('Authorization', asAlice).set('Range', 'bytes=10-');
    expect({ status: head.status, length: head.headers['content-length'], range: head.headers['content-range'] }).toEqual({ status: 200, length: String(expected.length), range: undefined });
  });

  it('says Accept-Ranges on HEAD of /raw, and keeps If-None-Match first (304 over Range)', async () => {
    const head = await request(gw.app).head(`/messages/${ids[0]}/raw`).set('Authorization', asAlice).expect(200);
    expect(head.headers['accept-ranges']).toBe('bytes');
    const cached = await get(`/messages/${ids[0]}/raw`, { Range: 'bytes=0-9', 'If-None-Match': head.headers.etag as string });
    expect(cached.status).toBe(304);
  });
});
