import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESS_MIN_BYTES, negotiateCoding } from '../../../src/http/responses/content-coding';
import { ifNoneMatchHits } from '../../../src/http/responses/etag';
import { sendPage } from '../../../src/http/responses/send';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listening, streamGet, type StreamedResponse } from '../../support/http-app';
import { appWithFake, DEMO_AUTH } from './app-harness';
import { FakeMailboxService, type FakeMessage } from './fake-mailbox-service';

describe('Accept-Encoding negotiation (RFC 9110 section 12.5.3)', () => {
  test.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.8, br;q=0.9', 'br'],
    ['gzip;q=0', null],
    ['gzip;q=0, br;q=0', null],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['*;q=0', null],
    ['gzip;q=0, *;q=0.1', 'br'],
    ['deflate', null],
    ['gzip;q=abc', null],
  ])('%j → %j', (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding);
  });

  test('a value negotiated before gets the same answer, however many other values came between', () => {
    const known: [string, string | null][] = [['gzip, deflate, br', 'br'], ['br;q=0, gzip', 'gzip'], ['*;q=0', null]];
    for (let round = 0; round < 3; round++) {
      for (const [header, coding] of known) expect(negotiateCoding(header)).toBe(coding);
      // More distinct values than are remembered: the memo is emptied on the way, never wrong.
      for (let i = 1; i <= 150; i++) expect(negotiateCoding(`gzip;q=0.01, br;q=0.${i}`)).toBe('br');
    }
  });

  test('a value too long to remember is still negotiated', () => {
    const long = `${'x-unknown;q=0.5, '.repeat(20)}gzip`;
    expect(long.length).toBeGreaterThan(256);
    expect(negotiateCoding(long)).toBe('gzip');
    expect(negotiateCoding(long)).toBe('gzip');
  });

  test('If-None-Match takes a coded tag for the resource it codes, and nothing else', () => {
    expect(ifNoneMatchHits('"abc+br"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('W/"abc+gzip"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"abc"', '"abc+gzip"')).toBe(true);
    expect(ifNoneMatchHits('"abd+br"', '"abc"')).toBe(false);
    expect(ifNoneMatchHits('"abc+deflate"', '"abc"')).toBe(false);
  });
});

/** A maildrop whose 50-item page is well over COMPRESS_MIN_BYTES, with one long message. */
function bigMaildrop(): FakeMailboxService {
  const messages: FakeMessage[] = Array.from({ length: 60 }, (_, i) => ({
    id: `uid-${String(i).padStart(4, '0')}-aaaaaaaaaaaaaaaa`,
    raw: Buffer.from(`Subject: ${i}\r\n\r\n${'body line\r\n'.repeat(i === 0 ? 400 : 1)}`),
    attachments: [],
  }));
  return new FakeMailboxService(messages);
}

function decoded(res: StreamedResponse): string {
  const coding = res.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (coding === 'gzip') return gunzipSync(res.body).toString('utf8');
  expect(coding).toBeUndefined();
  return res.body.toString('utf8');
}

describe('compressed JSON answers', () => {
  let servers: { port: number; close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  /** The gateway (lane first) and the express app alone, each listening, over one warm fake maildrop. */
  async function gateway(): Promise<{ lane: number; express: number; service: FakeMailboxService }> {
    const service = bigMaildrop();
    service.inMemory = true;
    const { app, listener } = appWithFake({ service });
    const lane = await listening(listener);
    const express = await listening(app);
    servers.push(lane, express);
    return { lane: lane.port, express: express.port, service };
  }

  const get = (port: number, path: string, headers: Record<string, string> = {}): Promise<StreamedResponse> =>
    streamGet(port, path, { Authorization: DEMO_AUTH, ...headers });

  test.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.1, gzip;q=0.9', 'gzip'],
    ['gzip;q=0', undefined],
    ['identity', undefined],
    [undefined, undefined],
  ])('a listing page to Accept-Encoding %j: %j, the same bytes from the fast lane and from express', async (accept, coding) => {
    const { lane, express, service } = await gateway();
    const headers: Record<string, string> = accept === undefined ? {} : { 'Accept-Encoding': accept };
    const viaLane = await get(lane, '/messages?limit=50', headers);
    const viaExpress = await get(express, '/messages?limit=50', headers);
    expect(service.memoryReads.length).toBeGreaterThan(0); // the lane answered the first
    for (const res of [viaLane, viaExpress]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.headers['content-length']).toBe(String(res.body.length));
    }
    expect(viaLane.body.equals(viaExpress.body)).toBe(true);
    expect(viaLane.headers.etag).toBe(viaExpress.headers.etag);
    const plain = await get(express, '/messages?limit=50');
    expect(plain.body.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    expect(decoded(viaLane)).toBe(plain.body.toString('utf8'));
    // RFC 9110 section 8.8.3: each coding is its own representation, with its own strong ETag.
    expect(viaLane.headers.etag).toBe(coding === undefined ? plain.headers.etag : `${plain.headers.etag!.slice(0, -1)}+${coding}"`);
  });

  test('If-None-Match with the tag of any coding is a 304 carrying the tag of the coding asked for', async () => {
    const { lane, express } = await gateway();
    const identityTag = (await get(lane, '/messages?limit=50')).headers.etag!;
    const brTag = (await get(lane, '/messages?limit=50', { 'Accept-Encoding': 'br' })).headers.etag!;
    expect(brTag).not.toBe(identityTag);
    for (const port of [lane, express]) {
      const gzipped = await get(port, '/messages?limit=50', { 'Accept-Encoding': 'gzip', 'If-None-Match': brTag });
      expect({ status: gzipped.status, etag: gzipped.headers.etag, vary: gzipped.headers.vary }).toEqual({
        status: 304,
        etag: `${identityTag.slice(0, -1)}+gzip"`,
        vary: 'Accept-Encoding',
      });
      expect((await get(port, '/messages?limit=50', { 'If-None-Match': brTag })).status).toBe(304);
      expect((await get(port, '/messages?limit=50', { 'Accept-Encoding': 'br', 'If-None-Match': identityTag })).status).toBe(304);
    }
  });

  test('answers under COMPRESS_MIN_BYTES go as they are, without Vary', async () => {
    const { lane, express } = await gateway();
    for (const [port, path] of [[lane, '/messages?limit=1'], [lane, '/mailbox/stat'], [express, '/mailbox/capabilities']] as const) {
      const res = await get(port, path, { 'Accept-Encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBeUndefined();
    }
  });

  test('a parsed message over the threshold is compressed by express, with a coded ETag; raw bytes never are', async () => {
    const { express } = await gateway();
    const id = 'uid-0000-aaaaaaaaaaaaaaaa';
    const plain = await get(express, `/messages/${id}`, { 'Accept-Encoding': 'identity' });
    const coded = await get(express, `/messages/${id}`, { 'Accept-Encoding': 'gzip' });
    expect(coded.headers['content-encoding']).toBe('gzip');
    expect(coded.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(coded.headers.vary).toBe('Accept-Encoding');
    expect(decoded(coded)).toBe(plain.body.toString('utf8'));
    expect(coded.headers.etag).toBe(`${plain.headers.etag!.slice(0, -1)}+gzip"`);

    const raw = await get(express, `/messages/${id}/raw`, { 'Accept-Encoding': 'br, gzip' });
    expect(raw.status).toBe(200);
    expect(raw.body.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.headers['content-type']).toMatch(/^message\/rfc822/);
  });
});

describe('the memo of a page', () => {
  /** What sendPage wrote for one request of `page`. */
  function written(page: { json: string; etag: string }, acceptEncoding: string): Buffer {
    let body: Buffer | undefined;
    const res = { writeHead: () => res, end: (chunk: Buffer) => (body = chunk), statusCode: 200 };
    sendPage({ headers: { 'accept-encoding': acceptEncoding } } as unknown as IncomingMessage, res as unknown as ServerResponse, page);
    if (!body) throw new Error('nothing written');
    return body;
  }

  test('keeps each compressed copy beside the plain bytes: a cached page is compressed once per coding', () => {
    const page = { json: JSON.stringify({ items: Array.from({ length: 100 }, (_, i) => ({ id: `id-${i}`, size: i })) }), etag: '"tag"' };
    const br = written(page, 'br');
    expect(written(page, 'br')).toBe(br); // the very same Buffer: no compression this time
    const gzip = written(page, 'gzip');
    expect(written(page, 'gzip')).toBe(gzip);
    expect(written(page, 'identity')).toBe(written(page, 'identity'));
    expect(br).not.toBe(gzip);
  });
});
