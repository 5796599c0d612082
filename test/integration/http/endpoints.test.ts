/**
 * Every endpoint's success path, through the real app (createGateway over createResources)
 * against a private Dovecot, with listings cached in a private Redis (REDIS_URL).
 */
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import type { MailboxCapabilities, MailboxStat } from '../../../src/models/mailbox';
import type { MessageHeaders, ParsedMessage } from '../../../src/models/message';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { readMailGem } from '../../support/fixtures';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { asRetrievedFromDovecot, sha256, simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';
import { ALICE, asAlice, asBob, bodyBytes, bytes, expectProblem, extendedFilename, listingOf, uidsOnServer } from './helpers';

const PDF_FIXTURE = 'attachment_emails_attachment_pdf.eml';
const SUBJECTS = ['first', 'second', 'third'];

describe('the HTTP API against Dovecot, with Redis as the cache', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let gw: HttpApp;
  /** What RETR returns for each delivered message, in POP3 order. */
  let retrieved: Buffer[];
  /** UIDL values in POP3 order (number 1 first). */
  let ids: string[];

  beforeAll(async () => {
    [dovecot, redis] = await Promise.all([startDovecot(), startRedis()]);
    for (const subject of SUBJECTS) {
      await dovecot.deliver('alice', simpleMessage({ subject, body: `This is the ${subject} message.` }));
    }
    await dovecot.deliver('alice', readMailGem(PDF_FIXTURE));
    await dovecot.deliver('bob', simpleMessage({ subject: 'for bob only' }));
    retrieved = (await dovecot.storedMessages('alice')).map(asRetrievedFromDovecot);
    ids = await uidsOnServer(dovecot);
    gw = httpAppFor(dovecot, { redisUrl: redis.url, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all([dovecot?.close(), redis?.close()]);
  });

  describe('GET /mailbox/stat', () => {
    it('answers the count and total size the server reports, and when the snapshot was taken', async () => {
      const before = Date.now();
      const res = await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice).set('Cache-Control', 'no-cache').expect(200);
      const stat = res.body as MailboxStat;
      expect(stat.count).toBe(4);
      expect(stat.size).toBe(retrieved.reduce((sum, message) => sum + message.length, 0));
      expect(Date.parse(stat.snapshotAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(stat.snapshotAt)).toBeLessThanOrEqual(Date.now());
    });

    it("answers each user about their own maildrop", async () => {
      const res = await request(gw.app).get('/mailbox/stat').set('Authorization', asBob).expect(200);
      expect((res.body as MailboxStat).count).toBe(1);
    });
  });

  describe('GET /mailbox/capabilities', () => {
    it("shows Dovecot's CAPA, stable ids (UIDL) and the TLS session to the server", async () => {
      const res = await request(gw.app).get('/mailbox/capabilities').set('Authorization', asAlice).expect(200);
      const caps = res.body as MailboxCapabilities;
      expect(caps.stableIds).toBe(true);
      expect(caps.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(caps.tls?.cipher).toEqual(expect.any(String));
      // CAPA after login, plus what the server lists only before it (RFC 2449: USER, SASL).
      expect(caps.capabilities).toMatchObject({ TOP: [], UIDL: [], PIPELINING: [], 'RESP-CODES': [], USER: [] });
      expect(caps.capabilities.SASL).toEqual(expect.arrayContaining(['PLAIN']));
    });
  });

  describe('GET /messages', () => {
    it('lists the newest first by default, with the totals and the UIDL ids', async () => {
      const res = await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.etag).toMatch(/^"[\x21\x23-\x7e]+"$/);
      const page = listingOf(res);
      expect(page).toMatchObject({ total: 4, totalSize: retrieved.reduce((sum, m) => sum + m.length, 0), offset: 0, limit: 50 });
      expect(Date.parse(page.snapshotAt)).not.toBeNaN();
      expect(page.items).toEqual([4, 3, 2, 1].map((number) => ({ id: ids[number - 1], number, size: retrieved[number - 1]!.length })));
    });

    it('pages with offset and limit in ascending order', async () => {
      const res = await request(gw.app).get('/messages?offset=1&limit=2&order=asc').set('Authorization', asAlice).expect(200);
      const page = listingOf(res);
      expect(page).toMatchObject({ total: 4, offset: 1, limit: 2 });
      expect(page.items.map((item) => [item.id, item.number])).toEqual([[ids[1], 2], [ids[2], 3]]);
    });

    it('pages in descending order from the newest', async () => {
      const res = await request(gw.app).get('/messages?offset=1&limit=2&order=desc').set('Authorization', asAlice).expect(200);
      expect(listingOf(res).items.map((item) => item.number)).toEqual([3, 2]);
    });

    it('answers an empty page past the end', async () => {
      const res = await request(gw.app).get('/messages?offset=10').set('Authorization', asAlice).expect(200);
      expect(listingOf(res)).toMatchObject({ total: 4, offset: 10, items: [] });
    });

    it('adds subject, from, to, date and Message-ID with headers=true', async () => {
      const res = await request(gw.app).get('/messages?order=asc&headers=true').set('Authorization', asAlice).expect(200);
      const items = listingOf(res).items;
      expect(items.map((item) => item.headers?.subject)).toEqual([...SUBJECTS, 'Another PDF with 🎉 Unicode chars in it 🍿']);
      expect(items[0]!.headers).toEqual({
        subject: 'first',
        from: 'Alice Example <alice@example.com>',
        to: 'Bob Example <bob@example.com>',
        date: '2024-01-02T03:04:05.000Z',
        messageId: expect.stringMatching(/^<[0-9a-f]{16}@example\.com>$/),
      });
      // The same page again comes from the cache (Redis) with the same summaries.
      const again = await request(gw.app).get('/messages?order=asc&headers=true').set('Authorization', asAlice).expect(200);
      expect(again.text).toBe(res.text);
    });

    it('keeps listings in Redis under keys and values that never hold the password', async () => {
      await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200);
      const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await client.connect();
        const keys = await client.keys('popgate:*');
        expect(keys.some((key) => key.startsWith('popgate:v1:listing:'))).toBe(true);
        const values = await Promise.all(keys.map((key) => client.type(key).then((type) => (type === 'string' ? client.get(key) : ''))));
        expect([...keys, ...values].join('\n')).not.toContain(ALICE.password);
      } finally {
        client.disconnect();
      }
    });
  });

  describe('a second gateway instance sharing the Redis cache', () => {
    it('serves the cached listing only once Dovecot accepted the caller, never to a wrong password', async () => {
      const cached = await request(gw.app).get('/messages?order=asc').set('Authorization', asAlice).expect(200);
      const other = httpAppFor(dovecot, { redisUrl: redis.url, timeoutMs: 5000 });
      try {
        const wrong = await request(other.app).get('/messages?order=asc').set('Authorization', `Basic ${Buffer.from('alice:wrong').toString('base64')}`);
        expectProblem(wrong, 401, 'unauthorized');
        expect(wrong.text).not.toContain(ids[0]!);
        const right = await request(other.app).get('/messages?order=asc').set('Authorization', asAlice).expect(200);
        expect(listingOf(right).items).toEqual(listingOf(cached).items);
      } finally {
        await other.close();
      }
    });
  });

  describe('GET /messages/{id}', () => {
    it('answers the message parsed, with an ETag', async () => {
      const res = await request(gw.app).get(`/messages/${encodeURIComponent(ids[1]!)}`).set('Authorization', asAlice).expect(200);
      expect(res.headers.etag).toMatch(/^"[\x21\x23-\x7e]+"$/);
      const message = res.body as ParsedMessage;
      expect(message).toMatchObject({
        id: ids[1],
        number: 2,
        size: retrieved[1]!.length,
        subject: 'second',
        from: [{ name: 'Alice Example', address: 'alice@example.com' }],
        to: [{ name: 'Bob Example', address: 'bob@example.com' }],
        cc: [],
        replyTo: [],
        date: '2024-01-02T03:04:05.000Z',
        inReplyTo: null,
        references: [],
        html: null,
        attachments: [],
      });
      expect(message.text).toBe('This is the second message.\n');
      expect(message.headers.subject).toEqual(['second']);
      expect(message.messageId).toBe(message.headers['message-id']?.[0]);
    });
  });

  describe('GET /messages/{id}/raw', () => {
    it('streams the bytes the server sent, as message/rfc822', async () => {
      const res = await request(gw.app).get(`/messages/${ids[3]}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      expect(res.headers['content-type']).toMatch(/^message\/rfc822/);
      expect(res.headers.etag).toMatch(/^"/);
      expect(bodyBytes(res).equals(retrieved[3]!)).toBe(true);
    });
  });

  describe('GET /messages/{id}/headers', () => {
    it('answers the header block (TOP n 0), decoded and as sent', async () => {
      const res = await request(gw.app).get(`/messages/${ids[3]}/headers`).set('Authorization', asAlice).expect(200);
      const headers = res.body as MessageHeaders;
      expect(headers.id).toBe(ids[3]);
      expect(headers.headers.subject).toEqual(['Another PDF with 🎉 Unicode chars in it 🍿']);
      // Everything before the empty line that ends the header block.
      const blockEnd = retrieved[3]!.indexOf('\r\n\r\n') + 2;
      expect(headers.raw).toBe(retrieved[3]!.subarray(0, blockEnd).toString('latin1'));
    });
  });

  describe('GET /messages/{id}/attachments/{index}', () => {
    it('downloads the decoded attachment with its type and file name', async () => {
      const expected = (await simpleParser(retrieved[3]!)).attachments[0]!;
      const res = await request(gw.app).get(`/messages/${ids[3]}/attachments/0`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      expect(extendedFilename(res.headers['content-disposition'])).toBe('broken.pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
      expect(bodyBytes(res).equals(expected.content)).toBe(true);

      const message = (await request(gw.app).get(`/messages/${ids[3]}`).set('Authorization', asAlice).expect(200)).body as ParsedMessage;
      expect(message.attachments).toEqual([
        { index: 0, filename: 'broken.pdf', contentType: 'application/pdf', size: expected.content.length, contentId: null, disposition: 'attachment', sha256: sha256(bodyBytes(res)) },
      ]);
    });

    it('answers 404 attachment_not_found for an index past the last attachment', async () => {
      const res = await request(gw.app).get(`/messages/${ids[3]}/attachments/1`).set('Authorization', asAlice);
      expectProblem(res, 404, 'attachment_not_found');
    });
  });

  describe('DELETE /messages/{id}', () => {
    it('deletes exactly that message: 204, then 404 for it, gone from listings and from the server', async () => {
      const target = ids[0]!;
      // Cache a listing first: the delete must drop it.
      expect(listingOf(await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200)).total).toBe(4);

      const res = await request(gw.app).delete(`/messages/${target}`).set('Authorization', asAlice).expect(204);
      expect(res.text).toBe('');

      expectProblem(await request(gw.app).get(`/messages/${target}`).set('Authorization', asAlice), 404, 'message_not_found');
      expectProblem(await request(gw.app).get(`/messages/${target}/raw`).set('Authorization', asAlice), 404, 'message_not_found');
      expectProblem(await request(gw.app).delete(`/messages/${target}`).set('Authorization', asAlice), 404, 'message_not_found');
      const page = listingOf(await request(gw.app).get('/messages?order=asc').set('Authorization', asAlice).expect(200));
      expect(page.items.map((item) => item.id)).toEqual(ids.slice(1));

      expect(await uidsOnServer(dovecot)).toEqual(ids.slice(1));
      // The next message's bytes are untouched.
      const raw = await request(gw.app).get(`/messages/${ids[1]}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      expect(bodyBytes(raw).equals(retrieved[1]!)).toBe(true);
    });
  });

  describe('operations', () => {
    it('GET /healthz answers 200 {"status": "ok"} without credentials', async () => {
      const res = await request(gw.app).get('/healthz').expect(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('GET /readyz answers 200 with Redis and the upstream both ok', async () => {
      const res = await request(gw.app).get('/readyz').expect(200);
      expect(res.body).toMatchObject({ checks: { redis: 'ok', upstream: 'ok' } });
    });

    it('GET /openapi.json serves the OpenAPI 3 spec naming every endpoint', async () => {
      const res = await request(gw.app).get('/openapi.json').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const spec = res.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(spec.openapi).toMatch(/^3\./);
      expect(spec.paths).toMatchObject({
        '/mailbox/stat': { get: expect.anything() },
        '/mailbox/capabilities': { get: expect.anything() },
        '/messages': { get: expect.anything() },
        '/messages/{id}': { get: expect.anything(), delete: expect.anything() },
        '/messages/{id}/raw': { get: expect.anything() },
        '/messages/{id}/headers': { get: expect.anything() },
        '/messages/{id}/attachments/{index}': { get: expect.anything() },
      });
    });

    it('GET /docs serves Swagger UI', async () => {
      const res = await request(gw.app).get('/docs/').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('swagger-ui');
      expect(res.text).toContain('popgate API');
      const redirect = await request(gw.app).get('/docs');
      expect([200, 301]).toContain(redirect.status);
    });
  });
});

describe('ids that need URL-encoding in paths', () => {
  /** A UIDL of printable ASCII with every character that means something in a URL. */
  const ODD_UIDL_FORMAT = 'pop3_uidl_format = "a/b?c#d%%e+f&g=h;%u"';
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let gw: HttpApp;

  beforeAll(async () => {
    [dovecot, redis] = await Promise.all([startDovecot({ extraConfig: ODD_UIDL_FORMAT }), startRedis()]);
    await dovecot.deliver('alice', simpleMessage({ subject: 'odd one' }));
    await dovecot.deliver('alice', simpleMessage({ subject: 'odd two' }));
    gw = httpAppFor(dovecot, { redisUrl: redis.url, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all([dovecot?.close(), redis?.close()]);
  });

  it('lists, reads and deletes messages by such ids, URL-encoded', async () => {
    const page = listingOf(await request(gw.app).get('/messages?order=asc').set('Authorization', asAlice).expect(200));
    expect(page.items.map((item) => item.id)).toEqual(['a/b?c#d%e+f&g=h;1', 'a/b?c#d%e+f&g=h;2']);
    const [first, second] = page.items.map((item) => encodeURIComponent(item.id));

    const message = (await request(gw.app).get(`/messages/${second}`).set('Authorization', asAlice).expect(200)).body as ParsedMessage;
    expect(message).toMatchObject({ id: 'a/b?c#d%e+f&g=h;2', subject: 'odd two' });
    const headers = (await request(gw.app).get(`/messages/${second}/headers`).set('Authorization', asAlice).expect(200)).body as MessageHeaders;
    expect(headers.headers.subject).toEqual(['odd two']);
    const raw = await request(gw.app).get(`/messages/${first}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
    expect(bodyBytes(raw).equals(asRetrievedFromDovecot((await dovecot.storedMessages('alice'))[0]!))).toBe(true);

    await request(gw.app).delete(`/messages/${first}`).set('Authorization', asAlice).expect(204);
    expect(await uidsOnServer(dovecot)).toEqual(['a/b?c#d%e+f&g=h;2']);
  });
});

describe('Redis going away', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let gw: HttpApp;

  beforeAll(async () => {
    [dovecot, redis] = await Promise.all([startDovecot(), startRedis()]);
    for (const subject of SUBJECTS) await dovecot.deliver('alice', simpleMessage({ subject }));
    gw = httpAppFor(dovecot, { redisUrl: redis.url, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all([dovecot?.close(), redis?.close()]);
  });

  it('costs speed, not answers: every endpoint still works uncached, /readyz says redis is degraded', async () => {
    const before = listingOf(await request(gw.app).get('/messages?headers=true').set('Authorization', asAlice).expect(200));
    await redis.stop();

    const ready = await request(gw.app).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ checks: { redis: 'degraded', upstream: 'ok' } });
    const during = await request(gw.app).get('/messages?headers=true').set('Authorization', asAlice).expect(200);
    expect(listingOf(during).items).toEqual(before.items);
    await request(gw.app).get('/messages').set('Authorization', asAlice).set('Cache-Control', 'no-cache').expect(200);
    await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice).expect(200);
    const id = before.items[0]!.id;
    await request(gw.app).get(`/messages/${id}`).set('Authorization', asAlice).expect(200);
    await request(gw.app).get(`/messages/${id}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
    await request(gw.app).delete(`/messages/${id}`).set('Authorization', asAlice).expect(204);
    expectProblem(await request(gw.app).get(`/messages/${id}`).set('Authorization', asAlice), 404, 'message_not_found');
    expect(listingOf(await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200)).total).toBe(2);

    await redis.start();
    // ioredis reconnects in the background (at most 2 s between attempts).
    const redisCheck = async () => ((await request(gw.app).get('/readyz').expect(200)).body as { checks: { redis: string } }).checks.redis;
    await waitFor(async () => (await redisCheck()) === 'ok', { timeoutMs: 10_000, everyMs: 100, what: 'readiness to see Redis again' });
    const after = listingOf(await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200));
    expect(after.items.map((item) => item.id)).toEqual(before.items.slice(1).map((item) => item.id));
  });
});
