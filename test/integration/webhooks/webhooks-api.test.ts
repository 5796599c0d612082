/**
 * The webhooks API: created with a secret shown once (stored sealed), listed and changed
 * without it, validated field by field, refused for internal targets (SSRF) unless allowed,
 * confined to its account for bound tokens, and gone with its account. Two instances on a
 * private redis-server; no POP3 I/O (accounts are registered with verify=false).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { CreatedToken } from '../../../src/models/token';
import type { CreatedWebhook } from '../../../src/models/webhook';
import { systemResolver, type HostResolver } from '../../../src/webhooks/target-guard';
import { FakePop3Server } from '../../support/fake-pop3-server';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { startRedis, type TestRedis } from '../../support/redis-server';

const SECRET = randomBytes(32);
const ADMIN = 'admin-token-for-webhook-tests';
/** A public name and address for the guard (nothing connects to it: these tests deliver nothing). */
const PUBLIC_HOST = 'hooks.example.test';
const resolver: HostResolver = (host) => (host === PUBLIC_HOST ? Promise.resolve([{ address: '93.184.215.14', family: 4 }]) : systemResolver(host));

describe('the webhooks API', () => {
  let upstream: FakePop3Server;
  let redisServer: TestRedis;
  let redis: Redis;
  let one: HttpApp;
  let other: HttpApp;
  let noSecret: HttpApp;

  const as = (token: string) => (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
  const asAdmin = as(ADMIN);
  const create = async (body: Record<string, unknown>, app = one): Promise<CreatedWebhook> =>
    (await asAdmin(request(app.app).post('/webhooks')).send(body).expect(201)).body as CreatedWebhook;
  const detailOf = async (status: number, body: Record<string, unknown>, token = ADMIN): Promise<string> => {
    const res = await as(token)(request(one.app).post('/webhooks')).send(body).expect(status);
    return (res.body as { detail: string }).detail;
  };
  async function boundToken(account: string): Promise<string> {
    return ((await asAdmin(request(one.app).post('/tokens')).send({ account, scopes: ['accounts:manage'] }).expect(201)).body as CreatedToken).token;
  }

  beforeAll(async () => {
    upstream = await FakePop3Server.start();
    redisServer = await startRedis();
    redis = new Redis(redisServer.url);
    const options = { redisUrl: redisServer.url, accounts: { secret: SECRET, adminTokens: [ADMIN] }, webhooks: { allowPrivate: false, resolver } };
    one = httpAppFor(upstream, options);
    other = httpAppFor(upstream, options);
    noSecret = httpAppFor(upstream, { accounts: { adminTokens: [ADMIN] } });
    for (const id of ['alice', 'bob']) {
      await asAdmin(request(one.app).post('/accounts?verify=false')).send({ id, pop3: { host: upstream.host, port: upstream.port, user: id, password: `${id}-secret` } }).expect(201);
    }
  });

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([one?.close(), other?.close(), noSecret?.close()]);
    await redisServer?.close();
    await upstream?.close();
  });

  test('is created with a whsec_ secret shown once, listed everywhere without it, and stored only sealed', async () => {
    const res = await asAdmin(request(one.app).post('/webhooks')).send({ url: `https://${PUBLIC_HOST}/in`, description: 'all events' }).expect(201);
    const created = res.body as CreatedWebhook;
    expect(created).toEqual({
      id: expect.stringMatching(/^wh_[0-9a-f]{16}$/),
      url: `https://${PUBLIC_HOST}/in`,
      events: ['message.received', 'message.deleted', 'account.status'],
      account: null,
      description: 'all events',
      enabled: true,
      disabledReason: null,
      createdAt: expect.any(String),
      updatedAt: created.createdAt,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(res.headers.location).toBe(`/webhooks/${created.id}`);
    const { secret, ...listed } = created;
    expect((await asAdmin(request(other.app).get('/webhooks')).expect(200)).body.items).toContainEqual(listed);
    expect((await asAdmin(request(other.app).get(`/webhooks/${created.id}`)).expect(200)).body).toEqual(listed);
    const key = secret.slice('whsec_'.length);
    for (const name of await redis.keys('*')) {
      expect(name).not.toContain(key);
      if ((await redis.type(name)) === 'string') expect(await redis.get(name)).not.toContain(key);
    }
    expect(one.logText()).not.toContain(key);
  });

  test('answers 400 naming the field for a bad URL, event type or description', async () => {
    expect(await detailOf(400, { url: 'ftp://files.example.test/x' })).toMatch(/^url must use http or https, not ftp/);
    expect(await detailOf(400, { url: `https://user:pw@${PUBLIC_HOST}/` })).toMatch(/^url must not hold a user name or password/);
    expect(await detailOf(400, { url: 'not a url' })).toMatch(/^url must be an absolute http or https URL/);
    expect(await detailOf(400, { url: `https://${PUBLIC_HOST}/${'x'.repeat(2048)}` })).toMatch(/url/);
    expect(await detailOf(400, { url: `https://${PUBLIC_HOST}/`, events: ['message.exploded'] })).toMatch(/events/);
    expect(await detailOf(400, { url: `https://${PUBLIC_HOST}/`, events: [] })).toMatch(/events/);
    expect(await detailOf(400, {})).toMatch(/url/);
    expect(await detailOf(400, { url: `https://${PUBLIC_HOST}/`, secret: 'mine' })).toMatch(/secret/);
  });

  test.each([
    ['a loopback address', 'http://127.0.0.1:8080/hook'],
    ['the IPv6 loopback address', 'http://[::1]/hook'],
    ['a private address', 'https://10.1.2.3/hook'],
    ['a link-local address (cloud metadata)', 'http://169.254.169.254/latest/meta-data'],
    ['a name that resolves to loopback (localhost)', 'http://localhost:3000/hook'],
  ])('refuses %s with 400 unless WEBHOOK_ALLOW_PRIVATE=true', async (_kind, url) => {
    expect(await detailOf(400, { url })).toMatch(/^url: webhooks may not target loopback, private, link-local .*WEBHOOK_ALLOW_PRIVATE=true/);
    const allowing = httpAppFor(upstream, { accounts: { secret: SECRET, adminTokens: [ADMIN] }, webhooks: { allowPrivate: true } });
    try {
      await asAdmin(request(allowing.app).post('/webhooks')).send({ url }).expect(201);
    } finally {
      await allowing.close();
    }
  });

  test('a PATCH changes the URL (checked again), events, description and enabled, never the secret', async () => {
    const created = await create({ url: `https://${PUBLIC_HOST}/a`, events: ['message.received'] });
    const patch = (body: Record<string, unknown>) => asAdmin(request(other.app).patch(`/webhooks/${created.id}`)).send(body);
    expect((await patch({ url: 'http://localhost/x' }).expect(400)).body.detail).toMatch(/^url: webhooks may not target/);
    const changed = (await patch({ url: `https://${PUBLIC_HOST}/b`, events: ['account.status', 'message.received'], description: 'renamed' }).expect(200)).body;
    expect(changed).toMatchObject({ url: `https://${PUBLIC_HOST}/b`, events: ['message.received', 'account.status'], description: 'renamed', enabled: true });
    expect((await patch({ enabled: false }).expect(200)).body).toMatchObject({ enabled: false, disabledReason: 'disabled by PATCH' });
    expect((await patch({ enabled: true }).expect(200)).body).toMatchObject({ enabled: true, disabledReason: null });
    expect(JSON.stringify(changed)).not.toContain('whsec_');
  });

  test('an unknown account is 404 account_not_found; an unknown webhook is 404 webhook_not_found', async () => {
    const problem = (await asAdmin(request(one.app).post('/webhooks')).send({ url: `https://${PUBLIC_HOST}/`, account: 'nobody' }).expect(404)).body;
    expect(problem.code).toBe('account_not_found');
    for (const req of [request(one.app).get('/webhooks/wh_0000000000000000'), request(one.app).delete('/webhooks/wh_0000000000000000'), request(one.app).post('/webhooks/wh_0000000000000000/test'), request(one.app).get('/webhooks/wh_0000000000000000/deliveries')]) {
      expect((await asAdmin(req).expect(404)).body.code).toBe('webhook_not_found');
    }
    expect((await asAdmin(request(one.app).get('/webhooks/not-an-id')).expect(400)).body.detail).toMatch(/webhook/);
  });

  test("a token bound to an account sees and creates only its account's webhooks", async () => {
    const token = await boundToken('alice');
    const own = (await as(token)(request(one.app).post('/webhooks')).send({ url: `https://${PUBLIC_HOST}/alice` }).expect(201)).body as CreatedWebhook;
    expect(own.account).toBe('alice');
    const bobs = await create({ url: `https://${PUBLIC_HOST}/bob`, account: 'bob' });
    expect(await detailOf(404, { url: `https://${PUBLIC_HOST}/x`, account: 'bob' }, token)).toMatch(/no account bob/);
    const listed = (await as(token)(request(other.app).get('/webhooks')).expect(200)).body as { total: number; items: CreatedWebhook[] };
    expect(listed.items.every((webhook) => webhook.account === 'alice')).toBe(true);
    expect(listed.items.map((webhook) => webhook.id)).toContain(own.id);
    for (const req of [request(one.app).get(`/webhooks/${bobs.id}`), request(one.app).delete(`/webhooks/${bobs.id}`), request(one.app).post(`/webhooks/${bobs.id}/test`)]) {
      expect((await as(token)(req).expect(404)).body.code).toBe('webhook_not_found');
    }
    await asAdmin(request(one.app).get(`/webhooks/${bobs.id}`)).expect(200);
  });

  test('needs accounts:manage', async () => {
    const reader = ((await asAdmin(request(one.app).post('/tokens')).send({ scopes: ['messages:read', 'events:read'] }).expect(201)).body as CreatedToken).token;
    expect((await as(reader)(request(one.app).get('/webhooks')).expect(403)).body.code).toBe('forbidden');
    await request(one.app).get('/webhooks').expect(401);
  });

  test('deleting an account deletes the webhooks bound to it; deleting a webhook answers 204 then 404', async () => {
    await asAdmin(request(one.app).post('/accounts?verify=false')).send({ id: 'temp', pop3: { host: upstream.host, port: upstream.port, user: 'temp', password: 'temp-secret' } }).expect(201);
    const bound = await create({ url: `https://${PUBLIC_HOST}/temp`, account: 'temp' });
    const unbound = await create({ url: `https://${PUBLIC_HOST}/all` });
    await asAdmin(request(one.app).delete('/accounts/temp')).expect(204);
    await asAdmin(request(other.app).get(`/webhooks/${bound.id}`)).expect(404);
    await asAdmin(request(other.app).get(`/webhooks/${unbound.id}`)).expect(200);
    await asAdmin(request(other.app).delete(`/webhooks/${unbound.id}`)).expect(204);
    await asAdmin(request(one.app).delete(`/webhooks/${unbound.id}`)).expect(404);
  });

  test('without POPGATE_SECRET the webhooks API answers 503 secrets_unavailable', async () => {
    expect((await asAdmin(request(noSecret.app).get('/webhooks')).expect(503)).body.code).toBe('secrets_unavailable');
  });
});
