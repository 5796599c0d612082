/**
 * GET /events: the event log page by page — scopes, a bound token's one account, filters,
 * cursors, retention's reset, and Redis away. Accounts on a private Dovecot, the log in a
 * private redis-server (and in process for retention).
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { RecordedEvent } from '../../../src/events/event';
import type { CreatedToken } from '../../../src/models/token';
import type { EventList } from '../../../src/models/event';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { deleted, received, statusChange } from '../../support/events';

const SECRET = randomBytes(32);
const ADMIN = 'admin-token-for-event-tests';

const as = (token: string) => (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
const asAdmin = as(ADMIN);
const idsOf = (body: EventList): string[] => body.items.map((item) => item.id);

describe('GET /events', () => {
  let dovecot: DovecotServer;
  let redisServer: TestRedis;
  let gw: HttpApp;
  let recorded: RecordedEvent[];
  const tokens: Record<string, string> = {};

  async function createToken(body: Record<string, unknown>): Promise<string> {
    return ((await asAdmin(request(gw.app).post('/tokens')).send(body).expect(201)).body as CreatedToken).token;
  }

  beforeAll(async () => {
    [dovecot, redisServer] = await Promise.all([startDovecot(), startRedis()]);
    gw = httpAppFor(dovecot, { redisUrl: redisServer.url, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
    for (const user of ['alice', 'bob']) {
      await asAdmin(request(gw.app).post('/accounts'))
        .send({ id: user, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user, password: `${user}-secret` } })
        .expect(201);
    }
    tokens.events = await createToken({ scopes: ['events:read'] });
    tokens.alice = await createToken({ account: 'alice', scopes: ['events:read'] });
    tokens.messagesOnly = await createToken({ scopes: ['messages:read'] });
    recorded = await gw.resources.eventLog.append([
      received('alice', 'a1'),
      received('bob', 'b1'),
      deleted('alice', 'a0'),
      statusChange('bob'),
      received('alice', 'a2'),
    ]);
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all([redisServer?.close(), dovecot?.close()]);
  });

  test('answers the events in order, each with its cursor, and next to go on from', async () => {
    const res = await as(tokens.events!)(request(gw.app).get('/events')).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ items: recorded, next: recorded[4]!.cursor, reset: false });
    const first = (await as(tokens.events!)(request(gw.app).get('/events?limit=2')).expect(200)).body as EventList;
    expect(first.items).toEqual(recorded.slice(0, 2));
    expect(first.next).toBe(recorded[1]!.cursor);
    const second = (await as(tokens.events!)(request(gw.app).get(`/events?limit=2&after=${first.next}`)).expect(200)).body as EventList;
    expect(second.items).toEqual(recorded.slice(2, 4));
    const caughtUp = (await as(tokens.events!)(request(gw.app).get(`/events?after=${recorded[4]!.cursor}`)).expect(200)).body as EventList;
    expect(caughtUp).toEqual({ items: [], next: recorded[4]!.cursor, reset: false });
  });

  test('needs events:read: none is 401, another scope is 403', async () => {
    await request(gw.app).get('/events').expect(401);
    const res = await as(tokens.messagesOnly!)(request(gw.app).get('/events')).expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('events:read') });
    await as(tokens.messagesOnly!)(request(gw.app).get('/events/stream')).expect(403);
  });

  test('a token bound to an account sees that account only; naming another is 404 as for no account', async () => {
    const own = (await as(tokens.alice!)(request(gw.app).get('/events')).expect(200)).body as EventList;
    expect(idsOf(own)).toEqual([recorded[0]!.id, recorded[2]!.id, recorded[4]!.id]);
    expect((await as(tokens.alice!)(request(gw.app).get('/events?account=alice')).expect(200)).body).toEqual(own);
    const other = await as(tokens.alice!)(request(gw.app).get('/events?account=bob')).expect(404);
    expect(other.body).toMatchObject({ code: 'account_not_found' });
    expect((await as(tokens.alice!)(request(gw.app).get('/events/stream?account=bob')).expect(404)).body).toMatchObject({ code: 'account_not_found' });
  });

  test('filters by account and by type, repeated or as a comma list', async () => {
    const get = async (query: string): Promise<string[]> => idsOf((await as(tokens.events!)(request(gw.app).get(`/events?${query}`)).expect(200)).body as EventList);
    expect(await get('account=bob')).toEqual([recorded[1]!.id, recorded[3]!.id]);
    expect(await get('type=message.deleted')).toEqual([recorded[2]!.id]);
    expect(await get('type=message.deleted,account.status')).toEqual([recorded[2]!.id, recorded[3]!.id]);
    expect(await get('type=message.deleted&type=account.status')).toEqual([recorded[2]!.id, recorded[3]!.id]);
    expect(await get('account=alice&type=message.received')).toEqual([recorded[0]!.id, recorded[4]!.id]);
    expect(await get('account=nobody')).toEqual([]);
  });

  test.each([
    ['type=message.created', 'type'],
    ['type=message.received,', 'type'],
    ['after=yesterday', 'after'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['account=-bad', 'account'],
    ['limt=10', 'limt'],
  ])('refuses %s with a 400 naming %s', async (query, name) => {
    const res = await as(tokens.events!)(request(gw.app).get(`/events?${query}`)).expect(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ code: 'invalid_request', detail: expect.stringContaining(name) });
  });

  test('the stream refuses a malformed Last-Event-ID or after the same way, naming it', async () => {
    const header = await as(tokens.events!)(request(gw.app).get('/events/stream')).set('Last-Event-ID', 'nonsense').expect(400);
    expect(header.body.detail).toMatch(/^Last-Event-ID must be an event cursor/);
    const query = await as(tokens.events!)(request(gw.app).get('/events/stream?after=x-1')).expect(400);
    expect(query.body.detail).toMatch(/^after must be an event cursor/);
  });

  test('Redis away: 503 upstream_unavailable with Retry-After, never an empty page', async () => {
    const away = await startRedis();
    const other = httpAppFor(dovecot, { redisUrl: away.url, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
    try {
      await asAdmin(request(other.app).get('/events')).expect(200);
      await away.stop();
      const res = await asAdmin(request(other.app).get('/events')).expect(503);
      expect(res.body).toMatchObject({ code: 'upstream_unavailable' });
      expect(res.headers['retry-after']).toBe('5');
      const stream = await asAdmin(request(other.app).get(`/events/stream?after=0-0`)).expect(503);
      expect(stream.body).toMatchObject({ code: 'upstream_unavailable' });
    } finally {
      await other.close();
      await away.close();
    }
  });
});

describe('GET /events beyond retention (in process)', () => {
  let dovecot: DovecotServer;
  let gw: HttpApp;

  beforeAll(async () => {
    dovecot = await startDovecot();
    gw = httpAppFor(dovecot, { eventRetention: 100, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
  });

  afterAll(async () => {
    await gw?.close();
    await dovecot?.close();
  });

  test('an after older than the oldest event kept answers what is kept, with reset: true', async () => {
    const recorded = await gw.resources.eventLog.append(Array.from({ length: 150 }, (_, i) => received('alice', `u${i + 1}`)));
    const stale = (await asAdmin(request(gw.app).get(`/events?limit=2&after=${recorded[9]!.cursor}`)).expect(200)).body as EventList;
    expect(stale).toEqual({ items: recorded.slice(50, 52), next: recorded[51]!.cursor, reset: true });
    const current = (await asAdmin(request(gw.app).get(`/events?limit=2&after=${stale.next}`)).expect(200)).body as EventList;
    expect(current.reset).toBe(false);
    expect(current.items).toEqual(recorded.slice(52, 54));
    // Without after: the oldest kept, and nothing to reset.
    expect(((await asAdmin(request(gw.app).get('/events?limit=1')).expect(200)).body as EventList).reset).toBe(false);
  });
});

describe('GET /events without POPGATE_SECRET', () => {
  test('answers 503 secrets_unavailable, like /accounts', async () => {
    const dovecot = await startDovecot();
    const gw = httpAppFor(dovecot, { accounts: { adminTokens: [ADMIN] } });
    try {
      const res = await asAdmin(request(gw.app).get('/events')).expect(503);
      expect(res.body).toMatchObject({ code: 'secrets_unavailable' });
      await asAdmin(request(gw.app).get('/events/stream')).expect(503);
      await asAdmin(request(gw.app).get('/accounts')).expect(503);
    } finally {
      await gw.close();
      await dovecot.close();
    }
  });
});
