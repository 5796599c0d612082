/**
 * HTTP caching semantics against a private Dovecot with the in-process cache: ETag and
 * If-None-Match (304) on listings and message resources, and `Cache-Control: no-cache`
 * seeing mail delivered after a listing was cached.
 */
import request from 'supertest';
import type { MailboxStat } from '../../../src/models/mailbox';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { readMailGem } from '../../support/fixtures';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { asAlice, bytes, expectProblem, listingOf, ownPop3Session, uidsOnServer } from './helpers';

describe('conditional and fresh requests against Dovecot (in-process cache)', () => {
  let dovecot: DovecotServer;
  let gw: HttpApp;
  let ids: string[];

  beforeEach(async () => {
    dovecot = await startDovecot();
    await dovecot.deliver('alice', simpleMessage({ subject: 'one' }));
    await dovecot.deliver('alice', readMailGem('attachment_emails_attachment_nonascii_filename.eml'));
    await dovecot.deliver('alice', simpleMessage({ subject: 'three' }));
    ids = await uidsOnServer(dovecot);
    // Long enough that neither the cache nor the pooled snapshot expires during a test.
    gw = httpAppFor(dovecot, { timeoutMs: 5000, cacheTtlS: 60, pool: { maxAgeMs: 60_000 } });
  });

  afterEach(async () => {
    await gw?.close();
    await dovecot?.close();
  });

  describe('GET /messages', () => {
    it('answers 304 with the same ETag to If-None-Match of the current page, 200 to a stale one', async () => {
      const first = await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"/);

      const again = await request(gw.app).get('/messages').set('Authorization', asAlice).set('If-None-Match', etag).expect(304);
      expect(again.headers.etag).toBe(etag);
      expect(again.text).toBe('');
      await request(gw.app).get('/messages').set('Authorization', asAlice).set('If-None-Match', `"stale", ${etag}`).expect(304);
      await request(gw.app).get('/messages').set('Authorization', asAlice).set('If-None-Match', `W/${etag}`).expect(304);

      const stale = await request(gw.app).get('/messages').set('Authorization', asAlice).set('If-None-Match', '"something-else"').expect(200);
      expect(stale.headers.etag).toBe(etag);
      expect(listingOf(stale).total).toBe(3);
    });

    it('tags each page by its ids and sizes in page order, and by its header summaries', async () => {
      const tagOf = async (query: string): Promise<string> =>
        (await request(gw.app).get(`/messages?${query}`).set('Authorization', asAlice).expect(200)).headers.etag as string;
      const [newestFirst, oldestFirst, firstTwo, lastOne, withHeaders] = await Promise.all(
        ['order=desc', 'order=asc', 'limit=2&order=asc', 'offset=2&order=asc', 'order=desc&headers=true'].map(tagOf),
      );
      expect(new Set([newestFirst, oldestFirst, firstTwo, lastOne, withHeaders]).size).toBe(5);
      expect(await tagOf('limit=2&order=asc')).toBe(firstTwo);
      expect(await tagOf('order=desc&headers=true')).toBe(withHeaders);
    });

    it('gives the page a new ETag once a message in it is deleted', async () => {
      const before = (await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200)).headers.etag as string;
      await request(gw.app).delete(`/messages/${ids[2]}`).set('Authorization', asAlice).expect(204);
      const after = await request(gw.app).get('/messages').set('Authorization', asAlice).set('If-None-Match', before).expect(200);
      expect(after.headers.etag).not.toBe(before);
      expect(listingOf(after).items.map((item) => item.id)).toEqual([ids[1], ids[0]]);
    });
  });

  describe('message resources', () => {
    it.each([
      ['the parsed message', ''],
      ['the raw message', '/raw'],
      ['the header block', '/headers'],
      ['an attachment', '/attachments/0'],
    ])('answers 304 for %s when If-None-Match names its ETag', async (_what, suffix) => {
      const path = `/messages/${ids[1]}${suffix}`;
      const first = await request(gw.app).get(path).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"/);

      const cached = await request(gw.app).get(path).set('Authorization', asAlice).set('If-None-Match', etag).expect(304);
      expect(cached.headers.etag).toBe(etag);
      // A message never changes under its UIDL: the tag is the same from a fresh session too.
      const fresh = await request(gw.app).get(path).set('Authorization', asAlice).set('Cache-Control', 'no-cache').buffer(true).parse(bytes).expect(200);
      expect(fresh.headers.etag).toBe(etag);
    });

    it('tags each representation of a message apart, and each message apart', async () => {
      const tags = await Promise.all(
        [`/messages/${ids[1]}`, `/messages/${ids[1]}/raw`, `/messages/${ids[1]}/headers`, `/messages/${ids[1]}/attachments/0`, `/messages/${ids[0]}`].map(
          async (path) => (await request(gw.app).get(path).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200)).headers.etag as string,
        ),
      );
      expect(new Set(tags).size).toBe(tags.length);
    });

    it('answers 404, not 304, for a deleted message whose ETag the caller holds', async () => {
      const etag = (await request(gw.app).get(`/messages/${ids[0]}`).set('Authorization', asAlice).expect(200)).headers.etag as string;
      await request(gw.app).delete(`/messages/${ids[0]}`).set('Authorization', asAlice).expect(204);
      expectProblem(await request(gw.app).get(`/messages/${ids[0]}`).set('Authorization', asAlice).set('If-None-Match', etag), 404, 'message_not_found');
    });

    it('answers 401, not 304, to a wrong password holding a valid ETag', async () => {
      const etag = (await request(gw.app).get(`/messages/${ids[0]}`).set('Authorization', asAlice).expect(200)).headers.etag as string;
      const wrong = `Basic ${Buffer.from('alice:wrong').toString('base64')}`;
      expectProblem(await request(gw.app).get(`/messages/${ids[0]}`).set('Authorization', wrong).set('If-None-Match', etag), 401, 'unauthorized');
    });
  });

  describe('Cache-Control: no-cache', () => {
    it('sees mail delivered after the listing was cached; then the cache holds the new listing', async () => {
      const cached = listingOf(await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200));
      expect(cached.total).toBe(3);
      await dovecot.deliver('alice', simpleMessage({ subject: 'late arrival' }));

      // Within CACHE_TTL_S the cached listing answers.
      const fromCache = await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200);
      expect(listingOf(fromCache).total).toBe(3);

      const fresh = await request(gw.app).get('/messages?headers=true').set('Authorization', asAlice).set('Cache-Control', 'no-cache').expect(200);
      expect(listingOf(fresh).total).toBe(4);
      expect(listingOf(fresh).items[0]?.headers?.subject).toBe('late arrival');
      expect(Date.parse(listingOf(fresh).snapshotAt)).toBeGreaterThan(Date.parse(cached.snapshotAt));
      const newId = listingOf(fresh).items[0]!.id;
      expect(await uidsOnServer(dovecot)).toEqual([...ids, newId]);

      const afterwards = await request(gw.app).get('/messages').set('Authorization', asAlice).set('If-None-Match', fromCache.headers.etag as string).expect(200);
      expect(listingOf(afterwards).total).toBe(4);
      // The new message is served by id without no-cache.
      await request(gw.app).get(`/messages/${newId}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
    });

    it('Pragma: no-cache and no-cache among other directives work too; stat sees the new count', async () => {
      const stat = async (headers: Record<string, string>): Promise<number> =>
        ((await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice).set(headers).expect(200)).body as MailboxStat).count;
      expect(await stat({})).toBe(3);
      await dovecot.deliver('alice', simpleMessage({ subject: 'four' }));
      expect(await stat({ 'Cache-Control': 'max-age=0, no-cache' })).toBe(4);
      await dovecot.deliver('alice', simpleMessage({ subject: 'five' }));
      expect(await stat({ Pragma: 'no-cache' })).toBe(5);
    });

    it('sees a deletion another POP3 client committed after the listing was cached', async () => {
      await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200);
      const other = await ownPop3Session(dovecot);
      await other.dele(1);
      await other.quit();

      const fresh = listingOf(await request(gw.app).get('/messages?order=asc').set('Authorization', asAlice).set('Cache-Control', 'no-cache').expect(200));
      expect(fresh.items.map((item) => [item.id, item.number])).toEqual([[ids[1], 1], [ids[2], 2]]);
      expectProblem(await request(gw.app).get(`/messages/${ids[0]}`).set('Authorization', asAlice).set('Cache-Control', 'no-cache'), 404, 'message_not_found');
    });
  });
});
