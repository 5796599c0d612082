/**
 * /accounts/{account}/mailbox/… and /accounts/{account}/messages…: the top-level endpoints'
 * answers for a registered account, through its stored credentials — against Dovecot.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { basic } from '../../support/basic-auth';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { bodyBytes, bytes } from '../../support/streams';

const ADMIN = 'admin-token-for-tests';
const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);
const asAlice = basic('alice', 'alice-secret');

describe('a registered account’s mailbox', () => {
  let dovecot: DovecotServer;
  let gw: HttpApp;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.deliver('alice', simpleMessage({ subject: 'one', body: 'first body' }));
    await dovecot.deliver('alice', simpleMessage({ subject: 'two', body: 'second body' }));
    gw = httpAppFor(dovecot, { accounts: { secret: randomBytes(32), adminTokens: [ADMIN] } });
    await asAdmin(request(gw.app).post('/accounts'))
      .send({ id: 'alice', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'alice', password: 'alice-secret' } })
      .expect(201);
  });

  afterAll(async () => {
    await gw?.close();
    await dovecot?.close();
  });

  test.each(['/mailbox/stat', '/mailbox/capabilities', '/messages?order=asc', '/messages?headers=true&limit=1'])(
    'GET %s answers exactly what the top-level endpoint answers with Basic credentials',
    async (path) => {
      const viaAccount = await asAdmin(request(gw.app).get(`/accounts/alice${path}`)).expect(200);
      const viaBasic = await request(gw.app).get(path).set('Authorization', asAlice).expect(200);
      const comparable = (body: Record<string, unknown>) => ({ ...body, snapshotAt: undefined });
      expect(comparable(viaAccount.body as Record<string, unknown>)).toEqual(comparable(viaBasic.body as Record<string, unknown>));
    },
  );

  test('a message, its raw bytes and its headers, with the same ETags as the top-level endpoints', async () => {
    const { items } = (await asAdmin(request(gw.app).get('/accounts/alice/messages?order=asc')).expect(200)).body as { items: { id: string }[] };
    const id = encodeURIComponent(items[0]!.id);
    const message = await asAdmin(request(gw.app).get(`/accounts/alice/messages/${id}`)).expect(200);
    expect(message.body).toMatchObject({ subject: 'one' });
    const top = await request(gw.app).get(`/messages/${id}`).set('Authorization', asAlice).expect(200);
    expect(message.headers.etag).toBe(top.headers.etag);
    const raw = await asAdmin(request(gw.app).get(`/accounts/alice/messages/${id}/raw`)).buffer(true).parse(bytes).expect(200);
    expect(bodyBytes(raw).toString('latin1')).toContain('first body');
    await asAdmin(request(gw.app).get(`/accounts/alice/messages/${id}/headers`)).expect(200);
    await asAdmin(request(gw.app).get(`/accounts/alice/messages/${id}`)).set('If-None-Match', message.headers.etag as string).expect(304);
  });

  test('the top-level errors: an unknown id is 404 message_not_found, a bad id is 400', async () => {
    expect((await asAdmin(request(gw.app).get('/accounts/alice/messages/no-such-uid')).expect(404)).body.code).toBe('message_not_found');
    await asAdmin(request(gw.app).get('/accounts/alice/messages/a%20b')).expect(400);
    await asAdmin(request(gw.app).get('/accounts/alice/messages?limit=abc')).expect(400);
  });

  test('an unknown account is 404 account_not_found; a bad account id is 400; no token is 401', async () => {
    expect((await asAdmin(request(gw.app).get('/accounts/nobody/mailbox/stat')).expect(404)).body.code).toBe('account_not_found');
    expect((await asAdmin(request(gw.app).get('/accounts/%2E%2E/mailbox/stat')).expect(400)).body.code).toBe('invalid_request');
    const res = await request(gw.app).get('/accounts/alice/mailbox/stat').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="popgate"');
    // Basic credentials do not reach an account: it is a token's.
    await request(gw.app).get('/accounts/alice/mailbox/stat').set('Authorization', asAlice).expect(401);
  });

  test("the server refusing the account's stored password is 409 account_credentials_refused, not the caller's 401, and the account says authentication_failed", async () => {
    // One failed login is the limit: a refusal counted against the caller would make the next request 429.
    const strict = httpAppFor(dovecot, { authFailureLimit: 1, accounts: { secret: randomBytes(32), adminTokens: [ADMIN] } });
    try {
      await asAdmin(request(strict.app).post('/accounts'))
        .send({ id: 'alice', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'alice', password: 'alice-secret' } })
        .expect(201);
      await asAdmin(request(strict.app).get('/accounts/alice/messages')).expect(200);
      expect((await asAdmin(request(strict.app).get('/accounts/alice')).expect(200)).body.state.status).toBe('new');
      await asAdmin(request(strict.app).patch('/accounts/alice?verify=false')).send({ pop3: { password: 'not-the-password' } }).expect(200);

      for (const path of ['/accounts/alice/messages', '/accounts/alice/mailbox/stat']) {
        const refused = await asAdmin(request(strict.app).get(path)).expect(409);
        expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(refused.headers['www-authenticate']).toBeUndefined();
        expect(refused.body).toMatchObject({ status: 409, code: 'account_credentials_refused', title: 'Account credentials refused', pop3: { text: expect.any(String) } });
        expect(refused.body.pop3.text.length).toBeGreaterThan(0);
        expect(refused.body.detail).toContain('PATCH /accounts/alice');
      }
      const account = (await asAdmin(request(strict.app).get('/accounts/alice')).expect(200)).body as { state: { status: string; lastError?: string } };
      expect(account.state.status).toBe('authentication_failed');
      expect(account.state.lastError).toMatch(/^The POP3 server refused the credentials: /);
      expect(JSON.stringify(account)).not.toContain('not-the-password');
      // A change that is not of the credentials leaves the verdict standing.
      expect((await asAdmin(request(strict.app).patch('/accounts/alice')).send({ name: 'Alice' }).expect(200)).body.state.status).toBe('authentication_failed');

      // Working credentials again, verified by a login: the account is connected, its mailbox answers at once.
      const fixed = (await asAdmin(request(strict.app).patch('/accounts/alice')).send({ pop3: { password: 'alice-secret' } }).expect(200)).body as { state: { status: string; lastError?: string } };
      expect(fixed.state.status).toBe('connected');
      expect(fixed.state.lastError).toBeUndefined();
      await asAdmin(request(strict.app).get('/accounts/alice/messages')).expect(200);
      expect(strict.logText()).not.toContain('not-the-password');
    } finally {
      await strict.close();
    }
  });

  test('DELETE removes the message through the account, confirmed like the top-level DELETE', async () => {
    const { items } = (await asAdmin(request(gw.app).get('/accounts/alice/messages?order=asc')).set('Cache-Control', 'no-cache').expect(200)).body as { items: { id: string }[] };
    await asAdmin(request(gw.app).delete(`/accounts/alice/messages/${encodeURIComponent(items[1]!.id)}`)).expect(204);
    const after = (await asAdmin(request(gw.app).get('/accounts/alice/messages')).set('Cache-Control', 'no-cache').expect(200)).body as { total: number };
    expect(after.total).toBe(1);
  });
});
