import type { MessageList } from '../../../src/models/message';
import type { GatewayResources } from '../../../src/gateway-resources';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { gatewayFor } from '../../support/gateway';
import { watchSessionPeak } from '../../support/session-peak';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { LISTING_RECHECK_MS } from '../../../src/services/listing-store';
import { waitFor } from '../../support/waiting';

const alice = { user: 'alice', password: 'alice-secret' };
const page = { offset: 0, limit: 10, order: 'asc' as const, headers: false };

describe('MailboxService with Redis', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  const gateways: GatewayResources[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot();
    for (let i = 1; i <= 3; i++) await dovecot.deliver('alice', simpleMessage({ subject: `m${i}` }));
  });
  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const gw of gateways.splice(0)) await gw.close();
    await redis.close();
  });
  afterAll(async () => {
    await dovecot.close();
  });

  it('keeps serving reads while Redis is down, and caches again once it is back', async () => {
    const gw = gatewayFor(dovecot, { redisUrl: redis.url });
    gateways.push(gw);
    const hits = () => gw.metrics.cacheLookups.get().then((m) => m.values.find((v) => v.labels.outcome === 'hit')?.value ?? 0);

    await waitFor(async () => (await gw.cache.status()) === 'ok', { timeoutMs: 10_000, what: 'Redis to connect' });
    await gw.service.list({ credentials: alice }, page);
    await pastMemo();
    await gw.service.list({ credentials: alice }, page);
    expect(await hits()).toBeGreaterThan(0);

    await redis.stop();
    for (let i = 0; i < 5; i++) {
      const listing = JSON.parse((await gw.service.list({ credentials: alice }, page)).json) as MessageList;
      expect(listing.total).toBe(3);
      await expect(gw.service.stat({ credentials: alice })).resolves.toMatchObject({ count: 3 });
    }
    expect(await gw.cache.status()).toBe('degraded');

    await redis.start();
    await waitFor(async () => (await gw.cache.status()) === 'ok', { timeoutMs: 10_000, what: 'Redis to reconnect' });
    const before = await hits();
    await gw.service.list({ credentials: alice, fresh: true }, page); // Redis came back empty: store anew
    await pastMemo();
    await gw.service.list({ credentials: alice }, page); // read back from Redis
    expect(await hits()).toBeGreaterThan(before);
  });

  it('holds POOL_MAX_PER_MAILBOX across two instances sharing Redis', async () => {
    const a = gatewayFor(dovecot, { redisUrl: redis.url, pool: { maxPerMailbox: 2 } });
    const b = gatewayFor(dovecot, { redisUrl: redis.url, pool: { maxPerMailbox: 2 } });
    gateways.push(a, b);
    const watch = watchSessionPeak(dovecot, 'alice');
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).service.stat({ credentials: alice })),
    );
    const peak = await watch.stop();
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
  });
});

/** This instance serves its own memo of a listing for LISTING_RECHECK_MS before asking Redis again. */
const pastMemo = () => new Promise((r) => setTimeout(r, LISTING_RECHECK_MS + 50));

