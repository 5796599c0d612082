/**
 * The fast lane under /accounts/{account}/…: an account's cached page and warm STAT are
 * answered from memory exactly as the express routes answer them, only for a token and an
 * account the express path has just looked up, and never past a revocation or a change.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { type AccessChanges, LocalAccessChanges } from '../../../src/accounts/access-changes';
import { AccountRegistry } from '../../../src/accounts/account-registry';
import { MemoryAccountStore } from '../../../src/accounts/memory-account-store';
import { MemoryTokenStore } from '../../../src/accounts/memory-token-store';
import { SecretBox } from '../../../src/accounts/secret-box';
import { TokenRegistry } from '../../../src/accounts/token-registry';
import type { AppDeps } from '../../../src/app';
import { AccountAccessCache } from '../../../src/http/gateway/account-access-cache';
import { Metrics } from '../../../src/observability/metrics';
import { IdentityHasher, type MailboxIdentity } from '../../../src/pool/mailbox-identity';
import type { Pop3Credentials } from '../../../src/pop3/types';
import { appWithFake, DEMO_AUTH } from './app-harness';
import { FakeMailboxService } from './fake-mailbox-service';

const ADMIN = 'admin-token-for-unit-tests';
const asAdmin = `Bearer ${ADMIN}`;

/** Two registered accounts over a fake service that answers from memory, and a gateway over them. */
async function accountGateway(overrides: Partial<AppDeps> = {}, changes: AccessChanges = new LocalAccessChanges()) {
  const accountStore = new MemoryAccountStore();
  const accounts = new AccountRegistry(accountStore, new SecretBox(randomBytes(32)), () => Promise.resolve(), { allowPlaintext: false, changes });
  const tokens = new TokenRegistry(new MemoryTokenStore(), accountStore, changes);
  for (const id of ['acme', 'other']) {
    await accounts.create({ id, pop3: { host: `pop.${id}.example`, user: 'demo', password: `${id}-secret` } }, false);
  }
  const service = new FakeMailboxService();
  service.inMemory = true;
  const gateway = appWithFake({ service, accounts, tokens, adminTokens: [ADMIN], accessChanges: changes, ...overrides });
  return { ...gateway, accounts, tokens, changes };
}

function comparable(headers: Record<string, string>): Record<string, string> {
  const { date: _date, 'x-request-id': _id, ...rest } = headers;
  return rest;
}

/** The top-level cached reads of test/unit/http/fast-lane.test.ts, under an account. */
const CACHED_READS = [
  '/messages',
  '/messages?limit=1',
  '/messages?offset=1&limit=1&order=asc',
  '/messages?order=desc&headers=false&offset=0&limit=1000',
  '/messages?headers=true&limit=2',
  '/mailbox/stat',
];

describe('an account’s cached reads through the fast lane', () => {
  test.each(CACHED_READS)('GET /accounts/acme%s: the express route’s status, headers and body, then the same from the lane without the service', async (path) => {
    const { app, listener, service } = await accountGateway();
    const url = `/accounts/acme${path}`;
    const viaExpress = await request(app).get(url).set('Authorization', asAdmin).expect(200);
    const asyncCalls = service.calls.length;
    const viaLane = await request(listener).get(url).set('Authorization', asAdmin).expect(200);
    expect(viaLane.text).toBe(viaExpress.text);
    expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers));
    expect(service.calls).toHaveLength(asyncCalls);
    expect(service.memoryReads).toHaveLength(1);
    // The account's stored credentials, on its own server.
    expect(service.memoryReads[0]!.credentials).toMatchObject({ user: 'demo', password: 'acme-secret', upstream: { host: 'pop.acme.example' } });
    // And what the top-level route answers for the same mailbox.
    const topLevel = await request(listener).get(path).set('Authorization', DEMO_AUTH).expect(200);
    expect(viaLane.text).toBe(topLevel.text);
    expect(comparable(viaLane.headers)).toEqual(comparable(topLevel.headers));
  });

  test('If-None-Match gets 304 and br the compressed page from the lane, as from the route', async () => {
    const { app, listener, service } = await accountGateway();
    const url = '/accounts/acme/messages?limit=3';
    const first = await request(app).get(url).set('Authorization', asAdmin).expect(200);
    const etag = first.headers.etag as string;
    for (const headers of [{ 'If-None-Match': etag }, { 'Accept-Encoding': 'br' }]) {
      const viaExpress = await request(app).get(url).set('Authorization', asAdmin).set(headers);
      const viaLane = await request(listener).get(url).set('Authorization', asAdmin).set(headers);
      expect(viaLane.status).toBe(viaExpress.status);
      expect(viaLane.body).toEqual(viaExpress.body);
      expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers));
    }
    expect(service.memoryReads).toHaveLength(2);
  });

  test('a pgt_ token is answered from the lane once the express path has found it live', async () => {
    const { listener, service, tokens } = await accountGateway();
    const { token } = await tokens.create({ scopes: ['messages:read'], account: 'acme' });
    const first = await request(listener).get('/accounts/acme/messages').set('Authorization', `Bearer ${token}`).expect(200);
    expect(service.callsOf('list')).toHaveLength(1);
    const second = await request(listener).get('/accounts/acme/messages').set('Authorization', `Bearer ${token}`).expect(200);
    expect(second.text).toBe(first.text);
    expect(service.callsOf('list')).toHaveLength(1);
    expect(service.memoryReads).toHaveLength(1);
  });

  test('a revoked token is refused at the next request though the lane had it', async () => {
    const { listener, service, tokens } = await accountGateway();
    const created = await tokens.create({ scopes: ['messages:read'] });
    const auth = `Bearer ${created.token}`;
    await request(listener).get('/accounts/acme/mailbox/stat').set('Authorization', auth).expect(200);
    await request(listener).get('/accounts/acme/mailbox/stat').set('Authorization', auth).expect(200);
    expect(service.memoryReads).toHaveLength(1);
    await tokens.revoke(created.id);
    const refused = await request(listener).get('/accounts/acme/mailbox/stat').set('Authorization', auth).expect(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="popgate"');
    expect(service.memoryReads).toHaveLength(1);
  });

  test('a bound token gets 404 account_not_found for another account, from express, and the lane reads nothing', async () => {
    const { listener, service, tokens } = await accountGateway();
    const { token } = await tokens.create({ scopes: ['messages:read'], account: 'acme' });
    const auth = `Bearer ${token}`;
    await request(listener).get('/accounts/acme/messages').set('Authorization', auth).expect(200);
    await request(listener).get('/accounts/other/messages').set('Authorization', asAdmin).expect(200); // 'other' is cached now too
    const reads = service.memoryReads.length;
    for (const path of ['/accounts/other/messages', '/accounts/other/mailbox/stat']) {
      expect((await request(listener).get(path).set('Authorization', auth).expect(404)).body.code).toBe('account_not_found');
    }
    expect(service.memoryReads).toHaveLength(reads);
  });

  test('a token without messages:read gets 403 from express, though its grant is known', async () => {
    const { listener, service, tokens } = await accountGateway();
    const { token } = await tokens.create({ scopes: ['events:read', 'accounts:manage'] });
    await request(listener).get('/accounts/acme').set('Authorization', `Bearer ${token}`).expect(200); // found live, grant kept
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200); // account kept
    expect((await request(listener).get('/accounts/acme/messages').set('Authorization', `Bearer ${token}`).expect(403)).body.code).toBe('forbidden');
    expect(service.memoryReads).toEqual([]);
  });

  test('a changed account is looked up again: the new password is used at the next request', async () => {
    const { listener, service, accounts } = await accountGateway();
    await request(listener).get('/accounts/acme/mailbox/stat').set('Authorization', asAdmin).expect(200);
    await request(listener).get('/accounts/acme/mailbox/stat').set('Authorization', asAdmin).expect(200);
    expect(service.memoryReads.map((read) => read.credentials.password)).toEqual(['acme-secret']);
    await accounts.update('acme', { pop3: { password: 'new-secret' } }, false);
    await request(listener).get('/accounts/acme/mailbox/stat').set('Authorization', asAdmin).expect(200); // express
    await request(listener).get('/accounts/acme/mailbox/stat').set('Authorization', asAdmin).expect(200); // lane
    expect(service.callsOf('stat').map((call) => call.access.credentials.password)).toEqual(['acme-secret', 'new-secret']);
    expect(service.memoryReads.map((read) => read.credentials.password)).toEqual(['acme-secret', 'new-secret']);
  });

  test('a deleted account is 404 at the next request', async () => {
    const { listener, accounts } = await accountGateway();
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200);
    await accounts.delete('acme');
    expect((await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(404)).body.code).toBe('account_not_found');
  });

  test('while change notices are not received, nothing is answered from kept copies', async () => {
    const deaf = new (class extends LocalAccessChanges {
      override get live(): boolean {
        return false;
      }
    })();
    const { listener, service } = await accountGateway({}, deaf);
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200);
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200);
    expect(service.callsOf('list')).toHaveLength(2);
    expect(service.memoryReads).toEqual([]);
  });

  test.each([
    ['an escaped account id', '/accounts/ac%6De/messages'],
    ['a trailing slash', '/accounts/acme/messages/'],
    ['no-cache', '/accounts/acme/messages', { 'Cache-Control': 'no-cache' }],
    ['a query on stat', '/accounts/acme/mailbox/stat?x=1'],
    ['an unknown parameter', '/accounts/acme/messages?limt=1'],
  ])('%s goes to express', async (_case, path, headers: Record<string, string> = {}) => {
    const { app, listener, service } = await accountGateway();
    await request(app).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200);
    const viaExpress = await request(app).get(path).set('Authorization', asAdmin).set(headers);
    const viaListener = await request(listener).get(path).set('Authorization', asAdmin).set(headers);
    expect(viaListener.status).toBe(viaExpress.status);
    expect(service.memoryReads).toEqual([]);
  });

  test('a client with failed tokens on record is left to the limiter', async () => {
    const { listener, service } = await accountGateway({ authFailureLimit: 1 });
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200);
    await request(listener).get('/accounts/acme/messages').set('Authorization', 'Bearer pgt_wrong').expect(401);
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(429);
    expect(service.memoryReads).toEqual([]);
  });
});

describe('AccountAccessCache', () => {
  const grant = { scopes: ['messages:read' as const], account: null, expiresAtMs: null };
  const hasher = new IdentityHasher('pop.example:995');
  const identify = (credentials: Pop3Credentials): MailboxIdentity => hasher.identify(credentials);

  test('keeps a copy for at most its lifetime when no notice comes', () => {
    let now = 0;
    const cache = new AccountAccessCache(new LocalAccessChanges(), identify, { ttlMs: 1000, now: () => now });
    cache.rememberToken(cache.mark(), 'digest', grant);
    cache.rememberAccount(cache.mark(), 'acme', { user: 'u', password: 'p' });
    now = 999;
    expect(cache.token('digest')).toEqual(grant);
    // The identity (keyed hashes) of the credentials, not the credentials.
    expect(cache.account('acme')).toEqual(hasher.identify({ user: 'u', password: 'p' }));
    now = 1000;
    expect(cache.token('digest')).toBeUndefined();
    expect(cache.account('acme')).toBeUndefined();
  });

  test('drops everything on a notice, and keeps nothing looked up before one', async () => {
    const changes = new LocalAccessChanges();
    const cache = new AccountAccessCache(changes, identify);
    cache.rememberToken(cache.mark(), 'digest', grant);
    const before = cache.mark();
    await changes.announce();
    expect(cache.token('digest')).toBeUndefined();
    cache.rememberToken(before, 'digest', grant);
    cache.rememberAccount(before, 'acme', { user: 'u', password: 'p' });
    expect(cache.token('digest')).toBeUndefined();
    expect(cache.account('acme')).toBeUndefined();
  });
});

describe('metrics', () => {
  test('requests under /accounts/{account}/… are counted under their own route, from the lane and from express', async () => {
    const metrics = new Metrics();
    const { listener } = await accountGateway({ metrics });
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200); // express
    await request(listener).get('/accounts/acme/messages').set('Authorization', asAdmin).expect(200); // lane
    await request(listener).get('/accounts/acme/messages/no-such-id').set('Authorization', asAdmin).expect(404);
    await request(listener).get('/accounts/acme/mailbox/capabilities').expect(401);
    const text = await metrics.registry.metrics();
    const count = (route: string, status: number): string | undefined =>
      new RegExp(`popgate_http_request_duration_seconds_count\\{method="GET",route="${route.replace(/\//g, '\\/')}",status="${status}"\\} (\\d+)`).exec(text)?.[1];
    expect(count('/accounts/:account/messages', 200)).toBe('2');
    expect(count('/accounts/:account/messages/:id', 404)).toBe('1');
    expect(count('/accounts/:account/mailbox/capabilities', 401)).toBe('1');
    expect(count('/messages', 200)).toBeUndefined();
  });
});
