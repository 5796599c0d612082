/**
 * The fast lane (src/http/gateway/fast-lane.ts) against a private Dovecot and Redis: cached pages and
 * warm STATs come from memory only while memory is right — never past a DELETE, a wrong
 * password, the listing recheck interval or the session age limit.
 */
import request from 'supertest';
import type { MailboxStat } from '../../../src/models/mailbox';
import { LISTING_RECHECK_MS } from '../../../src/services/listing-store';
import { advanceDate, freezeDate } from '../../support/clock';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { basic } from '../../support/basic-auth';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { ALICE, asAlice, expectProblem, listingOf, ownPop3Session, uidsOnServer } from './helpers';

describe('the fast lane against Dovecot and Redis', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let gw: HttpApp | undefined;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });

  beforeEach(async () => {
    dovecot = await startDovecot();
    for (const subject of ['one', 'two', 'three']) await dovecot.deliver('alice', simpleMessage({ subject }));
  });

  afterEach(async () => {
    jest.useRealTimers();
    await gw?.close();
    gw = undefined;
    await dovecot?.close();
  });

  function gateway(maxAgeMs = 60_000): HttpApp {
    // Date.now() stands still: the listing recheck and the session age limit pass when the test
    // says (advanceDate), not when a busy machine happens to be slow between two requests.
    freezeDate();
    gw = httpAppFor(dovecot, { timeoutMs: 5000, redisUrl: redis.url, cacheTtlS: 60, pool: { maxAgeMs } });
    return gw;
  }

  it('answers a cached page and a warm STAT without the service, with what Dovecot holds', async () => {
    const { app, resources } = gateway();
    const cold = await request(app).get('/messages?limit=2').set('Authorization', asAlice).expect(200);
    const list = jest.spyOn(resources.service, 'list');
    const stat = jest.spyOn(resources.service, 'stat');

    const warm = await request(app).get('/messages?limit=2').set('Authorization', asAlice).expect(200);
    expect(warm.text).toBe(cold.text);
    expect(warm.headers.etag).toBe(cold.headers.etag);
    const counted = (await request(app).get('/mailbox/stat').set('Authorization', asAlice).expect(200)).body as MailboxStat;

    const witness = await ownPop3Session(dovecot);
    const truth = await witness.stat();
    await witness.quit();
    expect({ count: counted.count, size: counted.size }).toEqual({ count: truth.count, size: truth.size });
    expect(listingOf(warm).items.map((item) => item.id)).toEqual((await uidsOnServer(dovecot)).reverse().slice(0, 2));
    expect(list).not.toHaveBeenCalled();
    expect(stat).not.toHaveBeenCalled();
  });

  it('keeps a page with headers once every summary is known, and serves it from memory after', async () => {
    const { app, resources } = gateway();
    const page = '/messages?headers=true&limit=2';
    const cold = await request(app).get(page).set('Authorization', asAlice).expect(200); // LIST, UIDL, TOP
    const fromCache = await request(app).get(page).set('Authorization', asAlice).expect(200); // summaries from Redis
    const list = jest.spyOn(resources.service, 'list');
    const fromMemory = await request(app).get(page).set('Authorization', asAlice).expect(200);
    expect(list).not.toHaveBeenCalled();
    expect(fromMemory.text).toBe(cold.text);
    expect(fromCache.text).toBe(cold.text);
    expect(fromMemory.headers.etag).toBe(cold.headers.etag);
    expect(listingOf(fromMemory).items.map((item) => item.headers?.subject)).toEqual(['three', 'two']);
  });

  it('after LISTING_RECHECK_MS the route confirms the listing in Redis again', async () => {
    const { app, resources } = gateway();
    await request(app).get('/messages').set('Authorization', asAlice).expect(200);
    const list = jest.spyOn(resources.service, 'list');
    await request(app).get('/messages').set('Authorization', asAlice).expect(200);
    expect(list).not.toHaveBeenCalled();
    advanceDate(LISTING_RECHECK_MS + 1);
    await request(app).get('/messages').set('Authorization', asAlice).expect(200);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('after a DELETE neither the page nor STAT is served from the old snapshot', async () => {
    const { app } = gateway();
    const before = listingOf(await request(app).get('/messages').set('Authorization', asAlice).expect(200));
    await request(app).get('/mailbox/stat').set('Authorization', asAlice).expect(200);
    const victim = before.items[0]!.id;
    await request(app).delete(`/messages/${encodeURIComponent(victim)}`).set('Authorization', asAlice).expect(204);

    const after = listingOf(await request(app).get('/messages').set('Authorization', asAlice).expect(200));
    expect(after.total).toBe(2);
    expect(after.items.map((item) => item.id)).not.toContain(victim);
    const counted = (await request(app).get('/mailbox/stat').set('Authorization', asAlice).expect(200)).body as MailboxStat;
    expect(counted.count).toBe(2);
  });

  it('a wrong password is never answered from memory, however warm the mailbox', async () => {
    const { app } = gateway();
    await request(app).get('/messages').set('Authorization', asAlice).expect(200);
    await request(app).get('/mailbox/stat').set('Authorization', asAlice).expect(200);
    const wrong = basic(ALICE.user, 'not-the-password');
    expectProblem(await request(app).get('/messages').set('Authorization', wrong), 401, 'unauthorized');
    expectProblem(await request(app).get('/mailbox/stat').set('Authorization', wrong), 401, 'unauthorized');
  });

  it('mail delivered after login shows once the session is older than SESSION_MAX_AGE_MS', async () => {
    const { app } = gateway(600);
    const first = (await request(app).get('/mailbox/stat').set('Authorization', asAlice).expect(200)).body as MailboxStat;
    expect(first.count).toBe(3);
    await dovecot.deliver('alice', simpleMessage({ subject: 'four' }));
    // The pooled session's snapshot predates the delivery: that is what POP3 promises.
    const same = (await request(app).get('/mailbox/stat').set('Authorization', asAlice).expect(200)).body as MailboxStat;
    expect(same).toEqual(first);
    advanceDate(700);
    const later = (await request(app).get('/mailbox/stat').set('Authorization', asAlice).expect(200)).body as MailboxStat;
    expect(later.count).toBe(4);
    expect(Date.parse(later.snapshotAt)).toBeGreaterThan(Date.parse(first.snapshotAt));
  });
});
