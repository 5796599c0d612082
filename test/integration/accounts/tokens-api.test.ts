/**
 * popgate's pgt_ tokens: shown once, kept as a SHA-256, scoped, bound to one account, expiring
 * and revocable — and, with Redis, revoked on every instance at once. Against Dovecot and a
 * private redis-server.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { CreatedToken } from '../../../src/models/token';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';

const SECRET = randomBytes(32);
const ADMIN = 'admin-token-for-tests';

describe('API tokens', () => {
  let dovecot: DovecotServer;
  let redisServer: TestRedis;
  let redis: Redis;
  let one: HttpApp;
  let other: HttpApp;

  const as = (token: string) => (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
  const asAdmin = as(ADMIN);
  async function createToken(app: HttpApp, body: Record<string, unknown>): Promise<CreatedToken> {
    return (await asAdmin(request(app.app).post('/tokens')).send(body).expect(201)).body as CreatedToken;
  }

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.deliver('alice', simpleMessage({ subject: 'for alice' }));
    await dovecot.deliver('bob', simpleMessage({ subject: 'for bob' }));
    redisServer = await startRedis();
    redis = new Redis(redisServer.url);
    // Two instances on one Redis: what one creates or revokes, the other sees.
    one = httpAppFor(dovecot, { redisUrl: redisServer.url, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
    other = httpAppFor(dovecot, { redisUrl: redisServer.url, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
    for (const user of ['alice', 'bob']) {
      await asAdmin(request(one.app).post('/accounts'))
        .send({ id: user, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user, password: `${user}-secret` } })
        .expect(201);
    }
  });

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([one?.close(), other?.close()]);
    await redisServer?.close();
    await dovecot?.close();
  });

  test('is shown once as pgt_…, listed without its value, and stored only as its SHA-256', async () => {
    const created = await createToken(one, { account: 'alice', scopes: ['messages:read'], description: 'importer' });
    expect(created).toMatchObject({ id: expect.stringMatching(/^tok_[0-9a-f]{16}$/), account: 'alice', scopes: ['messages:read'], description: 'importer', expiresAt: null });
    expect(created.token).toMatch(/^pgt_[A-Za-z0-9_-]{43}$/);
    const list = await asAdmin(request(other.app).get('/tokens')).expect(200);
    expect(list.body.items).toContainEqual({ id: created.id, account: 'alice', scopes: ['messages:read'], description: 'importer', createdAt: created.createdAt, expiresAt: null });
    expect(list.text).not.toContain(created.token);
    for (const key of await redis.keys('*')) {
      expect(key).not.toContain(created.token);
      const value = (await redis.type(key)) === 'string' ? await redis.get(key) : '';
      expect(value ?? '').not.toContain(created.token);
    }
  });

  test('reaches only its account, and only with its scopes', async () => {
    const { token } = await createToken(one, { account: 'alice', scopes: ['messages:read'] });
    const page = await as(token)(request(other.app).get('/accounts/alice/messages')).expect(200);
    expect(page.body.total).toBe(1);
    // Another account is 404, as if it did not exist.
    expect((await as(token)(request(one.app).get('/accounts/bob/messages')).expect(404)).body.code).toBe('account_not_found');
    // messages:read does not delete.
    const id = encodeURIComponent(page.body.items[0].id as string);
    expect((await as(token)(request(one.app).delete(`/accounts/alice/messages/${id}`)).expect(403)).body.code).toBe('forbidden');
    // Nor does it manage accounts or tokens.
    await as(token)(request(one.app).get('/accounts')).expect(403);
    await as(token)(request(one.app).get('/tokens')).expect(403);
  });

  test('a bound token with accounts:manage sees and changes its own account only, and cannot create others', async () => {
    const { token } = await createToken(one, { account: 'alice', scopes: ['accounts:manage'] });
    expect((await as(token)(request(one.app).get('/accounts')).expect(200)).body).toMatchObject({ total: 1, items: [{ id: 'alice' }] });
    await as(token)(request(one.app).get('/accounts/alice')).expect(200);
    await as(token)(request(one.app).get('/accounts/bob')).expect(404);
    await as(token)(request(one.app).patch('/accounts/bob')).send({ name: 'x' }).expect(404);
    const refused = await as(token)(request(one.app).post('/accounts?verify=false')).send({ id: 'carol', pop3: { host: 'h', user: 'c', password: 'p' } }).expect(403);
    expect(refused.body.detail).toMatch(/bound to one account/);
  });

  test('revoked on one instance is 401 on the other at its next request once the notice is read there', async () => {
    const created = await createToken(one, { scopes: ['messages:read'] });
    await as(created.token)(request(other.app).get('/accounts/bob/mailbox/stat')).expect(200);
    let notices = 0;
    other.resources.accessChanges.subscribe(() => notices++);
    await asAdmin(request(one.app).delete(`/tokens/${created.id}`)).expect(204);
    // Redis has written the notice to every subscriber before it answered the PUBLISH, but on a
    // busy machine the other instance may read it after this test's next request arrives.
    await waitFor(() => notices > 0, { what: "the revocation's notice on the other instance" });
    const res = await as(created.token)(request(other.app).get('/accounts/bob/mailbox/stat')).expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="popgate"');
    expect((await asAdmin(request(other.app).delete(`/tokens/${created.id}`)).expect(404)).body.code).toBe('token_not_found');
  });

  test('deleting an account revokes the tokens bound to it: a new account of that id is not theirs', async () => {
    await asAdmin(request(one.app).post('/accounts?verify=false')).send({ id: 'temp', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'bob', password: 'bob-secret' } }).expect(201);
    const bound = await createToken(one, { account: 'temp', scopes: ['messages:read'] });
    const unbound = await createToken(one, { scopes: ['messages:read'] });
    await as(bound.token)(request(one.app).get('/accounts/temp/mailbox/stat')).expect(200);
    await asAdmin(request(one.app).delete('/accounts/temp')).expect(204);
    await asAdmin(request(one.app).post('/accounts?verify=false')).send({ id: 'temp', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'bob', password: 'bob-secret' } }).expect(201);
    await as(bound.token)(request(other.app).get('/accounts/temp/mailbox/stat')).expect(401);
    await as(unbound.token)(request(other.app).get('/accounts/temp/mailbox/stat')).expect(200);
  });

  test('expires at expiresAt, on every instance', async () => {
    const expiresAt = new Date(Date.now() + 2000).toISOString();
    const { token } = await createToken(one, { scopes: ['messages:read'], expiresAt });
    await as(token)(request(other.app).get('/accounts/alice/mailbox/stat')).expect(200);
    await waitFor(async () => (await as(token)(request(other.app).get('/accounts/alice/mailbox/stat'))).status === 401, { timeoutMs: 10_000, what: 'the token to expire' });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
  });

  test.each([
    ['no scopes', { scopes: [] }, 400],
    ['an unknown scope', { scopes: ['messages:write'] }, 400],
    ['an expiry in the past', { scopes: ['messages:read'], expiresAt: '2020-01-01T00:00:00Z' }, 400],
    ['an account that does not exist', { account: 'nobody', scopes: ['messages:read'] }, 404],
  ])('creating a token with %s is refused (%j), and creates none', async (_case, body, status) => {
    const before = (await asAdmin(request(one.app).get('/tokens')).expect(200)).body.total as number;
    await asAdmin(request(one.app).post('/tokens')).send(body).expect(status);
    expect((await asAdmin(request(one.app).get('/tokens')).expect(200)).body.total).toBe(before);
  });

  test('a token that is not one of ours, or a pgt_ lookalike, is 401', async () => {
    await as('pgt_' + 'A'.repeat(43))(request(one.app).get('/accounts/alice/mailbox/stat')).expect(401);
    await as('not-a-token')(request(one.app).get('/tokens')).expect(401);
  });
});
