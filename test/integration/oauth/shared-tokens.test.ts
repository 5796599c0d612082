import type { Redis } from 'ioredis';
import request from 'supertest';
import { RedisStoreConnection } from '../../../src/accounts/redis-store';
import { SecretBox } from '../../../src/accounts/secret-box';
import { createRedisClient } from '../../../src/cache/redis-client';
import { resolveOAuthClient } from '../../../src/oauth/profiles';
import { singleMailboxTokenSource } from '../../../src/oauth/single-mailbox';
import type { TokenSource } from '../../../src/oauth/token-source';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';
import { startXoauth2Pop3, type Xoauth2Pop3 } from '../../support/xoauth2-pop3';

const USER = 'alice@example.com';
const bearer = 'Bearer api-token';
const box = new SecretBox(Buffer.alloc(32, 7));

/**
 * Instances of one deployment share a mailbox's access token through Redis: one refresh per
 * lifetime between them, and a refresh token the endpoint rotates is kept (sealed) for all
 * of them and for the next start.
 */
describe('OAuth2 tokens shared by instances through Redis', () => {
  let redis: TestRedis;
  let oauth: FakeOAuthServer;
  let pop: Xoauth2Pop3;
  let clients: Redis[];
  let gateways: HttpApp[];
  let clock: number;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.close();
  });
  beforeEach(async () => {
    // Near real time: Redis expires shared tokens by the wall clock.
    clock = Date.now();
    clients = [];
    gateways = [];
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600, rotate: true });
    pop = await startXoauth2Pop3([{ name: USER, messages: [simpleMessage()] }], (_user, token) => oauth.isValidAccessToken(token));
    const flush = createRedisClient(redis.url);
    await new RedisStoreConnection(flush).run((r) => r.flushall());
    flush.disconnect();
  });
  afterEach(async () => {
    for (const gw of gateways) await gw.close();
    for (const client of clients) client.disconnect();
    await pop.fake.close();
    await oauth.close();
  });

  /** One gateway instance: its own Redis client, its own token source, the configured refresh token. */
  function instance(configuredRefreshToken: string): { gw: HttpApp; source: TokenSource } {
    const client = createRedisClient(redis.url);
    clients.push(client);
    const oauthClient = resolveOAuthClient({ provider: 'generic', tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: configuredRefreshToken });
    const source = singleMailboxTokenSource({ client: oauthClient, refreshToken: configuredRefreshToken }, USER, {
      timeoutMs: 5000,
      fetch: oauth.fetch,
      store: { redis: new RedisStoreConnection(client), box },
      now: () => clock,
    });
    const gw = httpAppFor(pop.fake, { callerAuth: { mode: 'single', credentials: { user: USER, oauth: source }, apiTokens: ['api-token'] } });
    gateways.push(gw);
    return { gw, source };
  }

  async function allValues(): Promise<string> {
    const client = createRedisClient(redis.url);
    clients.push(client);
    return new RedisStoreConnection(client).run(async (r) => {
      const keys = await r.keys('*');
      const values = await Promise.all(keys.map((k) => r.get(k)));
      return [...keys, ...values].join('\n');
    });
  }

  it('two instances refresh once between them per lifetime, each refresh with the newest rotated refresh token', async () => {
    const configured = oauth.issueRefreshToken();
    const a = instance(configured);
    const b = instance(configured);
    for (let lifetime = 1; lifetime <= 3; lifetime += 1) {
      const answers = await Promise.all(
        [a.gw, b.gw, a.gw, b.gw, a.gw, b.gw].map((gw) => request(gw.app).get('/mailbox/stat').set('Authorization', bearer).set('Cache-Control', 'no-cache')),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(oauth.grants('refresh_token')).toBe(lifetime);
      clock += 3600_000;
    }
    // Every refresh presented the token the one before rotated into: none was refused.
    const presented = oauth.requests.map((r) => r.form.refresh_token);
    expect(new Set(presented).size).toBe(3);
    expect(presented[0]).toBe(configured);
    expect(new Set(pop.logins.map((l) => l.token)).size).toBe(3);

    const stored = await allValues();
    expect(stored).toContain('popgate:v1:oauth:token:');
    expect(stored).toContain('popgate:v1:oauth:refresh:');
    for (const secret of [configured, ...presented, ...pop.logins.map((l) => l.token), oauth.clientSecret]) expect(stored).not.toContain(secret);
  });

  it('a rotated refresh token survives a restart; a new POP3_OAUTH_REFRESH_TOKEN (a new consent) wins over it', async () => {
    const configured = oauth.issueRefreshToken();
    const before = instance(configured);
    await request(before.gw.app).get('/mailbox/stat').set('Authorization', bearer).expect(200);
    expect(oauth.isValidRefreshToken(configured)).toBe(false); // rotated away

    clock += 3600_000;
    const restarted = instance(configured);
    await request(restarted.gw.app).get('/mailbox/stat').set('Authorization', bearer).set('Cache-Control', 'no-cache').expect(200);
    expect(oauth.grants('refresh_token')).toBe(2);
    expect(oauth.requests[1]!.form.refresh_token).not.toBe(configured);

    clock += 3600_000;
    const reconsented = oauth.issueRefreshToken();
    const withNewConsent = instance(reconsented);
    await request(withNewConsent.gw.app).get('/mailbox/stat').set('Authorization', bearer).set('Cache-Control', 'no-cache').expect(200);
    expect(oauth.requests[2]!.form.refresh_token).toBe(reconsented);
  });

  it('while one instance refreshes under the lock, the other waits and takes the token it writes', async () => {
    const configured = oauth.issueRefreshToken();
    const a = instance(configured);
    const b = instance(configured);
    oauth.holding = true;
    const first = a.source.accessToken();
    await waitFor(() => oauth.requests.length === 1, { what: 'the first refresh to reach the endpoint' });
    const second = b.source.accessToken();
    oauth.release();
    const [tokenA, tokenB] = await Promise.all([first, second]);
    expect(tokenB).toBe(tokenA);
    expect(oauth.grants('refresh_token')).toBe(1);
  });

  it('with Redis away, an instance still gets its token itself (slower, still correct)', async () => {
    const a = instance(oauth.issueRefreshToken());
    await request(a.gw.app).get('/mailbox/stat').set('Authorization', bearer).expect(200);
    await redis.stop();
    try {
      clock += 3600_000;
      await request(a.gw.app).get('/mailbox/stat').set('Authorization', bearer).set('Cache-Control', 'no-cache').expect(200);
      expect(oauth.grants('refresh_token')).toBe(2);
    } finally {
      await redis.start();
    }
  });
});
