/** The TokenStore contract, held by both stores: in process, and in Redis (a private redis-server). */
import { Redis } from 'ioredis';
import { MemoryTokenStore } from '../../../src/accounts/memory-token-store';
import { RedisTokenStore } from '../../../src/accounts/redis-token-store';
import type { StoredToken, TokenStore } from '../../../src/accounts/token-store';
import { startRedis, type TestRedis } from '../../support/redis-server';

function token(id: string, digest: string, createdAt: string): StoredToken {
  return { id, digest, account: 'acme', scopes: ['messages:read'], description: null, createdAt, expiresAt: null };
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
  ['in process', (): TokenStore => new MemoryTokenStore()],
  ['in Redis', (): TokenStore => new RedisTokenStore(redis)],
])('TokenStore %s', (_where, makeStore) => {
  let store: TokenStore;

  beforeEach(async () => {
    await redis.flushall();
    store = makeStore();
  });

  test('finds a token by the digest of its value, and lists tokens in creation order', async () => {
    await store.create(token('tok_b', 'digest-b', '2026-01-01T00:00:00.000Z'));
    await store.create(token('tok_a', 'digest-a', '2026-01-02T00:00:00.000Z'));
    expect(await store.findByDigest('digest-a')).toEqual(token('tok_a', 'digest-a', '2026-01-02T00:00:00.000Z'));
    expect(await store.findByDigest('digest-c')).toBeNull();
    expect((await store.list(0, 10)).items.map((t) => t.id)).toEqual(['tok_b', 'tok_a']);
    expect(await store.list(1, 1)).toEqual({ total: 2, items: [token('tok_a', 'digest-a', '2026-01-02T00:00:00.000Z')] });
  });

  test('a deleted token is found by neither its id nor its digest', async () => {
    await store.create(token('tok_a', 'digest-a', '2026-01-01T00:00:00.000Z'));
    expect(await store.delete('tok_a')).toBe(true);
    expect(await store.delete('tok_a')).toBe(false);
    expect(await store.findByDigest('digest-a')).toBeNull();
    expect(await store.list(0, 10)).toEqual({ total: 0, items: [] });
  });

  test('hands out copies: changing a found token does not change the stored one', async () => {
    await store.create(token('tok_a', 'digest-a', '2026-01-01T00:00:00.000Z'));
    (await store.findByDigest('digest-a'))!.scopes.push('accounts:manage');
    expect((await store.findByDigest('digest-a'))!.scopes).toEqual(['messages:read']);
  });
});
