/**
 * Bad input is a 4xx before any upstream I/O (docs/reliability.md, "Bad input from callers"): every case
 * below is answered with application/problem+json while the POP3 server has not even seen
 * a connection. Only node itself answers first, for requests it cannot parse.
 */
import * as net from 'node:net';
import request from 'supertest';
import { FakePop3Server } from '../support/fake-pop3-server';
import { basic } from '../support/basic-auth';
import { httpAppFor, listening, type HttpApp } from '../support/http-app';
import { simpleMessage } from '../support/messages';

const ALICE = { user: 'alice', password: 'alice-pw' };
const AUTH = basic(ALICE.user, ALICE.password);

const WITH_ATTACHMENT = Buffer.from(
  [
    'From: a@example.com',
    'To: b@example.com',
    'Subject: with attachment',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'see attached',
    '--b1',
    'Content-Type: application/octet-stream',
    'Content-Disposition: attachment; filename="a.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('attachment bytes').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n'),
);

describe('bad input from callers', () => {
  let fake: FakePop3Server;
  let gw: HttpApp;
  /** What the POP3 server had seen when the test began. */
  let connectionsBefore = 0;
  let transcriptBefore = 0;

  beforeAll(async () => {
    fake = await FakePop3Server.start({ users: [{ name: ALICE.user, password: ALICE.password, messages: [simpleMessage(), WITH_ATTACHMENT] }] });
    gw = httpAppFor(fake);
  });
  afterAll(async () => {
    await gw.close();
    await fake.close();
  });
  beforeEach(() => {
    connectionsBefore = fake.connections;
    transcriptBefore = fake.transcript.length;
  });

  function expectNoUpstreamIo(): void {
    expect(fake.connections - connectionsBefore).toBe(0);
    expect(fake.transcript.slice(transcriptBefore)).toEqual([]);
  }

  /** The answer is the problem expected, and the POP3 server saw no connection and no command for it. */
  function expectRefusedBeforeUpstream(res: request.Response, status: number, code: string): void {
    expect({ status: res.status, type: res.type, code: (res.body as { code?: string }).code }).toEqual({
      status,
      type: 'application/problem+json',
      code,
    });
    expectNoUpstreamIo();
  }

  describe('message ids that cannot be UIDL values', () => {
    const badIds: [string, string][] = [
      ['CR LF (command injection)', '1%0D%0ADELE%201'],
      ['a lone LF', 'abc%0A'],
      ['NUL', 'abc%00def'],
      ['a space', 'abc%20def'],
      ['71 characters', 'a'.repeat(71)],
      ['2000 characters', 'a'.repeat(2000)],
      ['non-ASCII', 'caf%C3%A9'],
      ['DEL (0x7F)', 'abc%7F'],
      ['a TAB', 'abc%09'],
    ];
    const routes: [string, (id: string) => request.Test][] = [
      ['GET /messages/{id}', (id) => request(gw.app).get(`/messages/${id}`)],
      ['GET /messages/{id}/raw', (id) => request(gw.app).get(`/messages/${id}/raw`)],
      ['GET /messages/{id}/headers', (id) => request(gw.app).get(`/messages/${id}/headers`)],
      ['GET /messages/{id}/attachments/0', (id) => request(gw.app).get(`/messages/${id}/attachments/0`)],
      ['DELETE /messages/{id}', (id) => request(gw.app).delete(`/messages/${id}`)],
    ];
    const cases = badIds.flatMap(([what, id]) => routes.map(([route, send]) => [route, what, id, send] as const));

    it.each(cases)('%s with %s is 400 invalid_request', async (_route, _what, id, send) => {
      const res = await send(id).set('Authorization', AUTH);
      expectRefusedBeforeUpstream(res, 400, 'invalid_request');
      expect(res.body.detail).toMatch(/UIDL/);
    });

    it('refuses undecodable percent-encoding with 400', async () => {
      const res = await request(gw.app).get('/messages/%ZZ/raw').set('Authorization', AUTH);
      expectRefusedBeforeUpstream(res, 400, 'invalid_request');
    });
  });

  describe('query values', () => {
    it.each([
      ['negative offset', 'offset=-1'],
      ['non-numeric offset', 'offset=abc'],
      ['fractional offset', 'offset=1.5'],
      ['huge offset', 'offset=1e999'],
      ['zero limit', 'limit=0'],
      ['negative limit', 'limit=-5'],
      ['limit over 1000', 'limit=1001'],
      ['huge limit', 'limit=99999999999999999999999'],
      ['non-numeric limit', 'limit=ten'],
      ['unknown order', 'order=sideways'],
      ['non-boolean headers', 'headers=maybe'],
      ['an unknown parameter', 'limt=10'],
      ['a repeated parameter', 'limit=1&limit=2'],
    ])('GET /messages with %s is 400 invalid_request', async (_what, query) => {
      const res = await request(gw.app).get(`/messages?${query}`).set('Authorization', AUTH);
      expectRefusedBeforeUpstream(res, 400, 'invalid_request');
    });

    it.each([
      ['/mailbox/stat?verbose=1'],
      ['/mailbox/capabilities?x=y'],
      ['/messages/abc?format=raw'],
      ['/messages/abc/raw?download=1'],
    ])('GET %s (a parameter it does not take) is 400 invalid_request', async (path) => {
      const res = await request(gw.app).get(path).set('Authorization', AUTH);
      expectRefusedBeforeUpstream(res, 400, 'invalid_request');
    });

    it.each([['-1'], ['abc'], ['1.5'], ['1e999']])('attachment index %s is 400 invalid_request', async (index) => {
      const res = await request(gw.app).get(`/messages/abc/attachments/${index}`).set('Authorization', AUTH);
      expectRefusedBeforeUpstream(res, 400, 'invalid_request');
    });
  });

  describe('credentials', () => {
    const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
    it.each([
      ['no Authorization header', undefined],
      ['an empty header', ''],
      ['"Basic" alone', 'Basic'],
      ['"Basic " with garbage', 'Basic !!!not-base64!!!'],
      ['base64 without a colon', `Basic ${b64('alice')}`],
      ['an empty user name', `Basic ${b64(':alice-pw')}`],
      ['invalid UTF-8', `Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`],
      ['a Bearer token in multi-mailbox mode', 'Bearer abcdef'],
      ['an unknown scheme', 'Digest username="alice"'],
      ['an 8 KB header', `Basic ${b64(`alice:${'p'.repeat(6000)}`)}`],
      ['CR LF in the password', `Basic ${b64('alice:pw\r\nDELE 1')}`],
      ['LF in the user name', `Basic ${b64('alice\nQUIT:pw')}`],
      ['NUL in the password', `Basic ${b64('alice:pw\u0000')}`],
    ])('%s is 401 with a Basic challenge', async (_what, header) => {
      const req = request(gw.app).get('/mailbox/stat');
      if (header !== undefined) req.set('Authorization', header);
      const res = await req;
      expectRefusedBeforeUpstream(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Basic realm="popgate"');
    });
  });

  describe("requests node's parser refuses before express sees them", () => {
    it('answers a 1 MB header with 431 problem+json, and keeps serving', async () => {
      const server = await listening(gw.app);
      try {
        const answer = await rawExchange(server.port, `GET /mailbox/stat HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\n`);
        expect(answer).toMatch(/^HTTP\/1\.1 431 /);
        expect(answer).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
        expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'invalid_request' });
        const next = await rawExchange(server.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        expect(next).toMatch(/^HTTP\/1\.1 200 /);
      } finally {
        await server.close();
      }
      expectNoUpstreamIo();
    });

    it('answers a request line that is not HTTP with 400 problem+json', async () => {
      const server = await listening(gw.app);
      try {
        const answer = await rawExchange(server.port, 'USER alice\r\nPASS x\r\n\r\n');
        expect(answer).toMatch(/^HTTP\/1\.1 400 /);
        expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'invalid_request' });
      } finally {
        await server.close();
      }
      expectNoUpstreamIo();
    });
  });

  describe('after the upstream was asked', () => {
    it('answers an attachment index past the last attachment with 404 attachment_not_found', async () => {
      const list = await request(gw.app).get('/messages?order=asc').set('Authorization', AUTH).expect(200);
      const id = encodeURIComponent(list.body.items[1].id as string);
      const first = await request(gw.app).get(`/messages/${id}/attachments/0`).set('Authorization', AUTH).expect(200);
      expect(first.body.toString()).toBe('attachment bytes');
      const res = await request(gw.app).get(`/messages/${id}/attachments/1`).set('Authorization', AUTH);
      expect({ status: res.status, type: res.type, code: res.body.code }).toEqual({
        status: 404,
        type: 'application/problem+json',
        code: 'attachment_not_found',
      });
      // An absurd index is refused up front (the spec caps it at 9999): nothing more is sent.
      const sentBefore = fake.transcript.length;
      const huge = await request(gw.app).get(`/messages/${id}/attachments/99999999999999999999999`).set('Authorization', AUTH);
      expect({ status: huge.status, code: huge.body.code }).toEqual({ status: 400, code: 'invalid_request' });
      expect(fake.transcript.length).toBe(sentBefore);
      // The commands sent were reads only: nothing that changes the maildrop.
      expect(fake.transcript.filter((line) => /^(DELE|RSET)/i.test(line))).toEqual([]);
    });
  });
});

/** Writes `bytes` on a raw socket and returns what came back before the server closed it. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may reset a connection that still has unread request bytes: what arrived counts.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(bytes);
  });
}
