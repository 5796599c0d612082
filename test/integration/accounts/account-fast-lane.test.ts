/**
 * The fast lane under /accounts/{account}/… against Dovecot, with two instances on one Redis:
 * an account's cached page and warm STAT come from memory, as the routes would answer them,
 * and a token revoked or an account changed on one instance is seen by the other's lane at
 * the next request (change notices over Redis pub/sub).
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
import { freezeDate } from '../../support/clock';

const SECRET = randomBytes(32);
const ADMIN = 'admin-token-for-tests';

describe('an account’s cached reads through the fast lane, two instances on one Redis', () => {
  let dovecot: DovecotServer;
  let redisServer: TestRedis;
  let one: HttpApp;
  let other: HttpApp;

  const as = (token: string) => (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
  const asAdmin = as(ADMIN);
  async function createToken(body: Record<string, unknown>): Promise<CreatedToken> {
    return (await asAdmin(request(one.app).post('/tokens')).send(body).expect(201)).body as CreatedToken;
  }

  beforeAll(async () => {
    dovecot = await startDovecot();
    for (const subject of ['one', 'two', 'three']) await dovecot.deliver('alice', simpleMessage({ subject }));
    await dovecot.deliver('bob', simpleMessage({ subject: 'for bob' }));
    redisServer = await startRedis();
    one = httpAppFor(dovecot, { redisUrl: redisServer.url, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
    other = httpAppFor(dovecot, { redisUrl: redisServer.url, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
    for (const user of ['alice', 'bob']) {
      await asAdmin(request(one.app).post('/accounts'))
        .send({ id: user, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user, password: `${user}-secret` } })
        .expect(201);
    }
    // Both instances receive change notices before anything is kept.
    await waitFor(() => one.resources.accessChanges.live && other.resources.accessChanges.live, { timeoutMs: 10_000, what: 'the change-notice subscriptions' });
    // Date.now() stands still: the listing recheck and the copies' lifetime do not run out
    // because a busy machine was slow between two requests.
    freezeDate();
  });

  afterAll(async () => {
    jest.useRealTimers();
    await Promise.all([one?.close(), other?.close()]);
    await redisServer?.close();
    await dovecot?.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Requests `path` until the lane answers it (the service's async calls stop), and returns that answer. */
  async function fromLane(gw: HttpApp, path: string, token: string): Promise<request.Response> {
    await as(token)(request(gw.app).get(path)).expect(200); // express: lists upstream or warms the pool, keeps the token and account
    const list = jest.spyOn(gw.resources.service, 'list');
    const stat = jest.spyOn(gw.resources.service, 'stat');
    const res = await as(token)(request(gw.app).get(path)).expect(200);
    expect(list).not.toHaveBeenCalled();
    expect(stat).not.toHaveBeenCalled();
    list.mockRestore();
    stat.mockRestore();
    return res;
  }

  test.each(['/messages', '/messages?limit=2&order=asc', '/messages?headers=true&limit=2', '/mailbox/stat'])(
    'GET /accounts/alice%s from the lane is what the express route answers',
    async (path) => {
      const url = `/accounts/alice${path}`;
      // A page with headers is kept with the listing once its summaries are known: one more request.
      await asAdmin(request(other.app).get(url)).expect(200);
      const viaLane = await fromLane(other, url, ADMIN);
      const viaExpress = await asAdmin(request(other.expressApp).get(url)).expect(200);
      expect(viaLane.text).toBe(viaExpress.text);
      const { date: _d1, 'x-request-id': _i1, ...laneHeaders } = viaLane.headers;
      const { date: _d2, 'x-request-id': _i2, ...expressHeaders } = viaExpress.headers;
      expect(laneHeaders).toEqual(expressHeaders);
    },
  );

  test('a token revoked on one instance is refused at the next request on the other, whose lane had it', async () => {
    const created = await createToken({ scopes: ['messages:read'] });
    await fromLane(other, '/accounts/bob/mailbox/stat', created.token);
    await asAdmin(request(one.app).delete(`/tokens/${created.id}`)).expect(204);
    const refused = await as(created.token)(request(other.app).get('/accounts/bob/mailbox/stat')).expect(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="popgate"');
  });

  test('a bound token gets 404 account_not_found on another account through the lane', async () => {
    const { token } = await createToken({ scopes: ['messages:read'], account: 'bob' });
    await fromLane(other, '/accounts/bob/messages', token);
    await fromLane(other, '/accounts/alice/messages', ADMIN);
    for (const path of ['/accounts/alice/messages', '/accounts/alice/mailbox/stat']) {
      expect((await as(token)(request(other.app).get(path)).expect(404)).body.code).toBe('account_not_found');
    }
  });

  test('an account deleted on one instance is 404 at the next request on the other', async () => {
    await asAdmin(request(one.app).post('/accounts')).send({ id: 'temp', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'bob', password: 'bob-secret' } }).expect(201);
    await fromLane(other, '/accounts/temp/messages', ADMIN);
    await asAdmin(request(one.app).delete('/accounts/temp')).expect(204);
    expect((await asAdmin(request(other.app).get('/accounts/temp/messages')).expect(404)).body.code).toBe('account_not_found');
  });

  test('GET /metrics counts requests under /accounts/{account}/… under their own routes, whichever lane answered', async () => {
    const metricsText = async (): Promise<string> => (await request(other.app).get('/metrics').expect(200)).text;
    const count = (text: string, route: string, status: number): number =>
      Number(new RegExp(`popgate_http_request_duration_seconds_count\\{method="GET",route="${route.replace(/\//g, '\\/')}",status="${status}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    const before = await metricsText();
    await fromLane(other, '/accounts/alice/messages?limit=1', ADMIN); // one from express, one from the lane
    await asAdmin(request(other.app).get('/accounts/alice/messages/no-such-uid')).expect(404);
    await asAdmin(request(other.app).get('/accounts/alice/mailbox/capabilities')).expect(200);
    const after = await metricsText();
    expect(count(after, '/accounts/:account/messages', 200) - count(before, '/accounts/:account/messages', 200)).toBe(2);
    expect(count(after, '/accounts/:account/messages/:id', 404) - count(before, '/accounts/:account/messages/:id', 404)).toBe(1);
    expect(count(after, '/accounts/:account/mailbox/capabilities', 200) - count(before, '/accounts/:account/mailbox/capabilities', 200)).toBe(1);
    // Nothing of it is counted under the top-level routes.
    for (const route of ['/messages', '/messages/:id', '/mailbox/capabilities']) expect(after).not.toContain(`route="${route}"`);
  });

  test('a lost subscription drops every copy and keeps none until it is back; then the lane answers again', async () => {
    const created = await createToken({ scopes: ['messages:read'] });
    await fromLane(other, '/accounts/alice/mailbox/stat', created.token);
    let notices = 0;
    other.resources.accessChanges.subscribe(() => (notices += 1));
    const admin = new Redis(redisServer.url);
    try {
      await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub'); // every instance's subscription
    } finally {
      admin.disconnect();
    }
    // The loss is a notice, and so is the subscription coming back (whatever was said meanwhile was missed).
    await waitFor(() => notices >= 2 && other.resources.accessChanges.live, { what: 'the subscription to come back' });
    const stat = jest.spyOn(other.resources.service, 'stat');
    await as(created.token)(request(other.app).get('/accounts/alice/mailbox/stat')).expect(200);
    expect(stat).toHaveBeenCalledTimes(1); // looked up again through express
    stat.mockRestore();
    await fromLane(other, '/accounts/alice/mailbox/stat', created.token);
  });
});
