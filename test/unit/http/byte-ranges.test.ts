import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { requestedRange, resolveRange } from '../../../src/http/input/byte-range';
import { listening, streamGet, type StreamedResponse } from '../../support/http-app';
import { appWithFake, DEMO_AUTH } from './app-harness';
import { FakeMailboxService } from './fake-mailbox-service';

const asked = (range: string | undefined, ifRange?: string): ReturnType<typeof requestedRange> =>
  requestedRange({ headers: { range, 'if-range': ifRange } } as unknown as IncomingMessage, '"tag"');

describe('Range: bytes= (RFC 9110 section 14)', () => {
  test.each([
    ['bytes=0-99', { first: 0, last: 99 }],
    ['bytes=100-', { first: 100 }],
    ['bytes=-500', { suffix: 500 }],
    ['BYTES= 5-5 ', { first: 5, last: 5 }],
    ['bytes=0-1,5-6', null],
    ['bytes=9-1', null],
    ['items=0-1', null],
    ['bytes=a-b', null],
    ['bytes=-', null],
    [undefined, null],
  ])('%j is %j', (header, range) => {
    expect(asked(header)).toEqual(range);
  });

  test('If-Range other than the exact strong ETag asks for the whole representation', () => {
    expect(asked('bytes=0-1', '"tag"')).toEqual({ first: 0, last: 1 });
    expect(asked('bytes=0-1', 'W/"tag"')).toBeNull();
    expect(asked('bytes=0-1', '"other"')).toBeNull();
    expect(asked('bytes=0-1', 'Sat, 01 Jan 2000 00:00:00 GMT')).toBeNull();
  });

  test.each([
    [{ first: 0, last: 99 }, 50, { start: 0, end: 49 }],
    [{ first: 10 }, 50, { start: 10, end: 49 }],
    [{ first: 50 }, 50, null],
    [{ suffix: 10 }, 50, { start: 40, end: 49 }],
    [{ suffix: 80 }, 50, { start: 0, end: 49 }],
    [{ suffix: 0 }, 50, null],
    [{ first: 0 }, 0, null],
  ])('%j of %d octets is %j', (range, length, resolved) => {
    expect(resolveRange(range, length)).toEqual(resolved);
  });
});

describe('ranges of /raw when LIST and RETR disagree (the fake service lies about the size)', () => {
  const raw = Buffer.from(`Subject: ranges\r\n\r\n${'0123456789'.repeat(30)}\r\n`);
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function gatewayListing(sizeError: number): Promise<(range: string) => Promise<StreamedResponse>> {
    const service = new FakeMailboxService([{ id: 'm1', raw, attachments: [] }]);
    service.listedSizeError = sizeError;
    // Small chunks, so the range starts and ends inside them.
    service.rawStream = (message) => Readable.from(Array.from({ length: Math.ceil(message.raw.length / 7) }, (_, i) => message.raw.subarray(i * 7, i * 7 + 7)));
    const server = await listening(appWithFake({ service }).listener);
    close = server.close;
    return (range) => streamGet(server.port, '/messages/m1/raw', { Authorization: DEMO_AUTH, Range: range });
  }

  test('as LIST says: 206 with the bytes at the positions asked, complete length unclaimed', async () => {
    const get = await gatewayListing(0);
    for (const [range, start, end] of [['bytes=3-40', 3, 40], ['bytes=300-', 300, raw.length - 1], ['bytes=-9', raw.length - 9, raw.length - 1]] as const) {
      const res = await get(range);
      expect({ status: res.status, range: res.headers['content-range'], complete: res.complete }).toEqual({ status: 206, range: `bytes ${start}-${end}/*`, complete: true });
      expect(res.body.equals(raw.subarray(start, end + 1))).toBe(true);
      expect(res.headers['accept-ranges']).toBe('bytes');
    }
    const past = await get(`bytes=${raw.length}-`);
    expect({ status: past.status, range: past.headers['content-range'] }).toEqual({ status: 416, range: `bytes */${raw.length}` });
    expect(JSON.parse(past.body.toString())).toMatchObject({ status: 416, code: 'range_not_satisfiable' });
  });

  test('RETR shorter than LIST: the range is cut short with the connection, never padded or shifted', async () => {
    const get = await gatewayListing(10);
    const res = await get('bytes=300-');
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 300-${raw.length + 9}/*`);
    expect(res.complete).toBe(false);
    expect(res.body.equals(raw.subarray(300, 300 + res.body.length))).toBe(true);
    // Past the real end, though within LIST's: 416 with the length RETR really had.
    const past = await get(`bytes=${raw.length + 2}-`);
    expect({ status: past.status, range: past.headers['content-range'] }).toEqual({ status: 416, range: `bytes */${raw.length}` });
  });

  test('RETR longer than LIST: a range past LIST but within RETR is not placed on LIST\'s word (502)', async () => {
    const get = await gatewayListing(-10);
    const res = await get(`bytes=${raw.length - 5}-`);
    expect(res.status).toBe(502);
    expect(res.headers['content-range']).toBeUndefined();
    // Within LIST's size: the bytes at those positions, as far as LIST reaches.
    const within = await get('bytes=10-19');
    expect(within.status).toBe(206);
    expect(within.body.equals(raw.subarray(10, 20))).toBe(true);
  });
});
