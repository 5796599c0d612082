/**
 * The AccountStore contract, held by both stores: in process, and in Redis (a private
 * redis-server, so the shared one on 6379 keeps no accounts of ours).
 */
import { Redis } from 'ioredis';
import type { StoredAccount } from '../../../src/accounts/account';
import type { AccountStore } from '../../../src/accounts/account-store';
import { MemoryAccountStore } from '../../../src/accounts/memory-account-store';
import { RedisAccountStore } from '../../../src/accounts/redis-account-store';
import { startRedis, type TestRedis } from '../../support/redis-server';

function account(id: string, createdAt: string, user = `${id}@example.com`): StoredAccount {
  return {
    id,
    name: null,
    pop3: { host: 'pop.example.com', port: 995, tls: 'implicit', user, auth: 'auto', sealedSecrets: `pgs1.sealed-for-${id}` },
    poll: { enabled: true, intervalS: 60, backfill: false, deleteAfterDelivery: false },
    state: { status: 'new', lastPollAt: null },
    createdAt,
    updatedAt: createdAt,
  };
}

let redisServer: TestRedis;
let redis: Redis;

beforeAll(async () => {
  redisServer = await startRedis();
  redis = new Redis(redisServer.url);
});

afterAll(async () => {
  redis?.disconnect();
  await redisServer?.close();
});

describe.each([
  ['in process', (): AccountStore => new MemoryAccountStore()],
  ['in Redis', (): AccountStore => new RedisAccountStore(redis)],
])('AccountStore %s', (_where, makeStore) => {
  let store: AccountStore;

  beforeEach(async () => {
    await redis.flushall();
    store = makeStore();
  });

  test('creates an account once: a second create of the id is refused and changes nothing', async () => {
    expect(await store.create(account('acme', '2026-01-01T00:00:00.000Z'))).toBe(true);
    expect(await store.create(account('acme', '2026-02-02T00:00:00.000Z', 'intruder@example.com'))).toBe(false);
    expect(await store.get('acme')).toEqual(account('acme', '2026-01-01T00:00:00.000Z'));
    expect(await store.get('globex')).toBeNull();
  });

  test('lists in creation order, a page at a time, with the total', async () => {
    // Ids out of alphabetical order, so the order seen is the creation order, not the ids'.
    for (const [id, at] of [['c', '2026-01-01'], ['a', '2026-01-02'], ['b', '2026-01-03']] as const) {
      await store.create(account(id, `${at}T00:00:00.000Z`));
    }
    expect((await store.list(0, 10)).items.map((a) => a.id)).toEqual(['c', 'a', 'b']);
    const page = await store.list(1, 1);
    expect(page.total).toBe(3);
    expect(page.items.map((a) => a.id)).toEqual(['a']);
    expect((await store.list(5, 10)).items).toEqual([]);
  });

  test('replaces only an account that exists', async () => {
    await store.create(account('acme', '2026-01-01T00:00:00.000Z'));
    const renamed = { ...account('acme', '2026-01-01T00:00:00.000Z'), name: 'Acme support', updatedAt: '2026-01-05T00:00:00.000Z' };
    expect(await store.replace(renamed)).toBe(true);
    expect(await store.get('acme')).toEqual(renamed);
    expect(await store.replace(account('ghost', '2026-01-01T00:00:00.000Z'))).toBe(false);
    expect(await store.get('ghost')).toBeNull();
  });

  test('changes the state alone, only of the account as it was at ifUpdatedAt', async () => {
    const created = account('acme', '2026-01-01T00:00:00.000Z');
    await store.create(created);
    const failed = { status: 'authentication_failed' as const, lastError: 'refused' };
    expect(await store.updateState('acme', failed, created.updatedAt)).toBe(true);
    expect(await store.get('acme')).toEqual({ ...created, state: { ...created.state, ...failed } });
    // Changed since (new credentials, say): an answer to the old ones is not recorded.
    const changed = { ...created, pop3: { ...created.pop3, sealedSecrets: 'pgs1.new' }, updatedAt: '2026-01-02T00:00:00.000Z' };
    await store.replace(changed);
    expect(await store.updateState('acme', { status: 'authentication_failed', lastError: 'late' }, created.updatedAt)).toBe(false);
    expect(await store.get('acme')).toEqual(changed);
    expect(await store.updateState('globex', failed, created.updatedAt)).toBe(false);
  });

  test('deletes an account and its place in the listing', async () => {
    await store.create(account('acme', '2026-01-01T00:00:00.000Z'));
    expect(await store.delete('acme')).toBe(true);
    expect(await store.delete('acme')).toBe(false);
    expect(await store.get('acme')).toBeNull();
    expect(await store.list(0, 10)).toEqual({ total: 0, items: [] });
  });

  test('hands out copies: changing a returned account does not change the stored one', async () => {
    await store.create(account('acme', '2026-01-01T00:00:00.000Z'));
    const got = (await store.get('acme'))!;
    got.pop3.user = 'changed';
    expect((await store.get('acme'))!.pop3.user).toBe('acme@example.com');
  });
});

describe('RedisAccountStore', () => {
  test('two instances racing to create one id: exactly one wins', async () => {
    await redis.flushall();
    const other = new Redis(redisServer.url);
    const [a, b] = [new RedisAccountStore(redis), new RedisAccountStore(other)];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).create(account('acme', '2026-01-01T00:00:00.000Z', `u${i}`))));
    other.disconnect();
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await redis.zcard('popgate:v1:accounts')).toBe(1);
  });

  test('keeps accounts in keys named by the account id only, with no expiry', async () => {
    await redis.flushall();
    await new RedisAccountStore(redis).create(account('acme', '2026-01-01T00:00:00.000Z'));
    expect((await redis.keys('*')).sort()).toEqual(['popgate:v1:account:acme', 'popgate:v1:accounts']);
    expect(await redis.ttl('popgate:v1:account:acme')).toBe(-1);
  });
});
