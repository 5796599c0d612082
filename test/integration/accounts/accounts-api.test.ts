/**
 * The accounts API against a real Dovecot: registration verified by one login, credentials
 * sealed at rest and never shown, admin-token auth, and every error the operations document.
 * The Redis part runs on a private redis-server, so the shared one keeps no accounts of ours.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { Account } from '../../../src/models/account';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';

const SECRET = randomBytes(32);
const ADMIN = 'admin-token-for-tests';
const PASSWORD = 'alice-secret';

describe('the accounts API', () => {
  let dovecot: DovecotServer;
  let redisServer: TestRedis;
  const apps: HttpApp[] = [];

  const appFor = (options: Parameters<typeof httpAppFor>[1] = {}): HttpApp => {
    const gw = httpAppFor(dovecot, { accounts: { secret: SECRET, adminTokens: [ADMIN] }, ...options });
    apps.push(gw);
    return gw;
  };
  const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);
  const alice = (overrides: Record<string, unknown> = {}) => ({
    id: 'alice-inbox',
    name: 'Alice',
    pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'alice', password: PASSWORD, ...overrides },
  });

  beforeAll(async () => {
    dovecot = await startDovecot();
    redisServer = await startRedis();
  });

  afterAll(async () => {
    await Promise.all(apps.map((gw) => gw.close()));
    await dovecot?.close();
    await redisServer?.close();
  });

  test('registers an account after one login: 201 with a Location, the account, never the password', async () => {
    const { app } = appFor();
    const res = await asAdmin(request(app).post('/accounts')).send(alice()).expect(201);
    expect(res.headers.location).toBe('/accounts/alice-inbox');
    expect(res.body).toEqual({
      id: 'alice-inbox',
      name: 'Alice',
      pop3: { host: dovecot.host, port: dovecot.pop3sPort, tls: 'implicit', user: 'alice', auth: 'auto' },
      poll: { enabled: true, intervalS: 60, backfill: false, deleteAfterDelivery: false },
      state: { status: 'new', lastPollAt: null },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.text).not.toContain(PASSWORD);
    const got = await asAdmin(request(app).get('/accounts/alice-inbox')).expect(200);
    expect(got.body).toEqual(res.body);
    const list = await asAdmin(request(app).get('/accounts')).expect(200);
    expect(list.body).toEqual({ total: 1, items: [res.body] });
    expect(list.text + got.text).not.toContain(PASSWORD);
  });

  test('a password the server refuses is 422 credentials_refused with its words, and nothing is stored', async () => {
    const { app } = appFor();
    const res = await asAdmin(request(app).post('/accounts')).send(alice({ password: 'wrong-password' })).expect(422);
    expect(res.body).toMatchObject({ code: 'credentials_refused', pop3: { text: expect.any(String) } });
    expect(res.text).not.toContain('wrong-password');
    await asAdmin(request(app).get('/accounts/alice-inbox')).expect(404);
  });

  test('verify=false stores without a login; a generated id when none is given', async () => {
    const { app } = appFor();
    const res = await asAdmin(request(app).post('/accounts?verify=false')).send({ pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'alice', password: 'not-checked' } }).expect(201);
    expect((res.body as Account).id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('the same id twice is 409 conflict, and the first account is kept', async () => {
    const { app } = appFor();
    await asAdmin(request(app).post('/accounts')).send(alice()).expect(201);
    const res = await asAdmin(request(app).post('/accounts')).send({ ...alice(), name: 'Impostor' }).expect(409);
    expect(res.body.code).toBe('conflict');
    expect((await asAdmin(request(app).get('/accounts/alice-inbox')).expect(200)).body.name).toBe('Alice');
  });

  test('PATCH changes fields; changed credentials are verified first, and a refusal keeps the old ones', async () => {
    const { app } = appFor();
    await asAdmin(request(app).post('/accounts')).send(alice()).expect(201);
    const renamed = await asAdmin(request(app).patch('/accounts/alice-inbox')).send({ name: 'Alice (support)', poll: { intervalS: 300 } }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Alice (support)', poll: { intervalS: 300, enabled: true } });
    const refused = await asAdmin(request(app).patch('/accounts/alice-inbox')).send({ pop3: { password: 'typo' } }).expect(422);
    expect(refused.body.code).toBe('credentials_refused');
    await asAdmin(request(app).patch('/accounts/alice-inbox')).send({ pop3: { password: PASSWORD } }).expect(200);
    await asAdmin(request(app).patch('/accounts/nobody')).send({ name: 'x' }).expect(404);
  });

  test('DELETE forgets the account: 204, then 404 account_not_found', async () => {
    const { app } = appFor();
    await asAdmin(request(app).post('/accounts')).send(alice()).expect(201);
    await asAdmin(request(app).delete('/accounts/alice-inbox')).expect(204);
    const res = await asAdmin(request(app).get('/accounts/alice-inbox')).expect(404);
    expect(res.body).toMatchObject({ status: 404, code: 'account_not_found' });
    await asAdmin(request(app).delete('/accounts/alice-inbox')).expect(404);
  });

  test.each([
    ['no host', { pop3: { user: 'alice', password: 'x' } }, /pop3\.host/],
    ['a field the API does not know', { pop3: { host: 'h', user: 'alice', password: 'x', pasword: 'typo' } }, /pasword/],
    ['an id with a slash', { id: 'a/b', pop3: { host: 'h', user: 'alice', password: 'x' } }, /id/],
    ['port 0', { pop3: { host: 'h', port: 0, user: 'alice', password: 'x' } }, /port/],
    ['plaintext POP3 where the gateway does not allow it', { pop3: { host: 'h', tls: 'none', user: 'alice', password: 'x' } }, /POP3_ALLOW_PLAINTEXT/],
  ])('%s is 400 invalid_request, before any login', async (_case, body, detail) => {
    const { app } = appFor();
    const res = await asAdmin(request(app).post('/accounts?verify=false')).send(body).expect(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', detail: expect.stringMatching(detail) });
    expect((await asAdmin(request(app).get('/accounts')).expect(200)).body.total).toBe(0);
  });

  test.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer not-the-admin-token'],
    ['Basic credentials', `Basic ${Buffer.from('alice:alice-secret').toString('base64')}`],
  ])('%s is 401 with a Bearer challenge', async (_case, authorization) => {
    const { app } = appFor();
    const req = request(app).get('/accounts');
    if (authorization) req.set('Authorization', authorization);
    const res = await req.expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="popgate"');
    expect(res.body.code).toBe('unauthorized');
  });

  test('without POPGATE_SECRET the accounts API answers 503 secrets_unavailable', async () => {
    const { app } = appFor({ accounts: { adminTokens: [ADMIN] } });
    for (const req of [request(app).get('/accounts'), request(app).post('/accounts').send(alice()), request(app).get('/accounts/alice-inbox')]) {
      const res = await asAdmin(req).expect(503);
      expect(res.body).toMatchObject({ code: 'secrets_unavailable', detail: expect.stringMatching(/POPGATE_SECRET/) });
    }
  });

  test('in Redis: sealed at rest (never the password), and another instance sees the account at once', async () => {
    const redis = new Redis(redisServer.url);
    try {
      await redis.flushall();
      const first = appFor({ redisUrl: redisServer.url });
      await asAdmin(request(first.app).post('/accounts')).send(alice()).expect(201);
      const stored = await redis.get('popgate:v1:account:alice-inbox');
      expect(stored).not.toBeNull();
      expect(stored).not.toContain(PASSWORD);
      expect(JSON.parse(stored!).pop3.sealedSecrets).toMatch(/^pgs1\./);
      for (const key of await redis.keys('*')) expect(key).not.toContain(PASSWORD);

      const second = appFor({ redisUrl: redisServer.url });
      expect((await asAdmin(request(second.app).get('/accounts/alice-inbox')).expect(200)).body.pop3.user).toBe('alice');
      // Opened with the right secret only: a gateway with another POPGATE_SECRET cannot read it.
      const stranger = appFor({ redisUrl: redisServer.url, accounts: { secret: randomBytes(32), adminTokens: [ADMIN] } });
      const unreadable = await asAdmin(request(stranger.app).patch('/accounts/alice-inbox')).send({ name: 'x' }).expect(503);
      expect(unreadable.body.code).toBe('secrets_unavailable');
      expect(first.logText() + second.logText() + stranger.logText()).not.toContain(PASSWORD);
    } finally {
      redis.disconnect();
    }
  });

  test('with Redis down, account operations are 503 with Retry-After (never a false 404), and work again once it is back', async () => {
    const gw = appFor({ redisUrl: redisServer.url });
    await asAdmin(request(gw.app).post('/accounts')).send({ ...alice(), id: 'kept' }).expect(201);
    await redisServer.stop();
    try {
      const res = await asAdmin(request(gw.app).get('/accounts/kept')).expect(503);
      expect(res.body.code).toBe('upstream_unavailable');
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await redisServer.start();
    }
    // The test's redis-server keeps nothing on disk, so the account went with it: the store answers again.
    await waitFor(async () => (await asAdmin(request(gw.app).get('/accounts'))).status === 200, { timeoutMs: 15_000, what: 'the accounts API after Redis came back' });
  });
});
