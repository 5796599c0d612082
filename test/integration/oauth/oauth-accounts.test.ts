import request from 'supertest';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startXoauth2Pop3, type Xoauth2Pop3 } from '../../support/xoauth2-pop3';

const ADMIN = 'Bearer admin-token';
const USER = 'support@example.com';

/** Registered accounts whose mailbox logs in with OAuth2: `pop3.oauth2`, secrets sealed like passwords. */
describe('registered OAuth2 accounts', () => {
  let oauth: FakeOAuthServer;
  let pop: Xoauth2Pop3;
  let gw: HttpApp;
  let clock: number;

  async function start(rotate = false): Promise<void> {
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600, rotate });
    pop = await startXoauth2Pop3([{ name: USER, messages: [simpleMessage({ subject: 'hello' })] }], (_user, token) => oauth.isValidAccessToken(token));
    gw = httpAppFor(pop.fake, { accounts: { secret: Buffer.alloc(32, 9), adminTokens: ['admin-token'], oauth: { fetch: oauth.fetch, now: () => clock } } });
  }

  function oauth2(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { provider: 'generic', tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: oauth.issueRefreshToken(), ...extra };
  }

  function register(body: Record<string, unknown>, query = ''): request.Test {
    return request(gw.app).post(`/accounts${query}`).set('Authorization', ADMIN).send(body);
  }

  beforeEach(() => {
    clock = Date.now();
  });
  afterEach(async () => {
    await gw.close();
    await pop.fake.close();
    await oauth.close();
  });

  it('registers with one token and one login, shows the client without its secrets, and serves the mailbox', async () => {
    await start();
    const settings = oauth2();
    const created = await register({ id: 'support', pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: settings } }).expect(201);
    expect(created.body.pop3).toEqual({
      host: pop.fake.host,
      port: pop.fake.port,
      tls: 'implicit',
      user: USER,
      auth: 'xoauth2',
      oauth2: { provider: 'generic', clientId: oauth.clientId, grant: 'refresh_token', tokenUrl: oauth.tokenUrl, authorized: true },
    });
    expect(oauth.grants('refresh_token')).toBe(1);
    expect(pop.logins).toEqual([expect.objectContaining({ user: USER, accepted: true })]);

    const listing = await request(gw.app).get('/accounts/support/messages?headers=true').set('Authorization', ADMIN).expect(200);
    expect(listing.body.items[0].headers.subject).toBe('hello');

    const stored = JSON.stringify(await gw.resources.accountStore.get('support'));
    const shown = JSON.stringify((await request(gw.app).get('/accounts').set('Authorization', ADMIN).expect(200)).body);
    for (const secret of [settings.clientSecret as string, settings.refreshToken as string, ...pop.logins.map((l) => l.token)]) {
      expect(stored).not.toContain(secret);
      expect(shown).not.toContain(secret);
      expect(gw.logText()).not.toContain(secret);
    }
  });

  it('keeps the refresh token the endpoint rotated, from the verification on, across lifetimes', async () => {
    await start(true);
    const settings = oauth2();
    await register({ id: 'rotating', pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: settings } }).expect(201);
    expect(oauth.isValidRefreshToken(settings.refreshToken as string)).toBe(false);
    for (let lifetime = 0; lifetime < 3; lifetime += 1) {
      clock += 3600_000;
      await request(gw.app).get('/accounts/rotating/mailbox/stat').set('Authorization', ADMIN).set('Cache-Control', 'no-cache').expect(200);
    }
    expect(oauth.grants('refresh_token')).toBe(4);
    const presented = oauth.requests.map((r) => r.form.refresh_token);
    expect(new Set(presented).size).toBe(4);
  });

  it('invalid_grant: 401 oauth_reauthorization_required, status authentication_failed, the endpoint left alone until new credentials', async () => {
    await start();
    await register({ id: 'revoked', pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: oauth2() } }).expect(201);
    oauth.revokeRefreshTokens();
    clock += 3600_000;
    const refused = await request(gw.app).get('/accounts/revoked/messages').set('Authorization', ADMIN).set('Cache-Control', 'no-cache');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('oauth_reauthorization_required');
    const account = await request(gw.app).get('/accounts/revoked').set('Authorization', ADMIN).expect(200);
    expect(account.body.state).toMatchObject({ status: 'authentication_failed', lastError: expect.stringMatching(/reauthorization required/) });

    clock += 3600_000;
    await request(gw.app).get('/accounts/revoked/messages').set('Authorization', ADMIN).set('Cache-Control', 'no-cache').expect(401);
    expect(oauth.grants('refresh_token')).toBe(2);

    const consentedAgain = await request(gw.app).patch('/accounts/revoked').set('Authorization', ADMIN).send({ pop3: { oauth2: { refreshToken: oauth.issueRefreshToken() } } }).expect(200);
    expect(consentedAgain.body.state.status).toBe('new');
    await request(gw.app).get('/accounts/revoked/messages').set('Authorization', ADMIN).expect(200);
  });

  it('an account awaiting consent is stored unverified and answers oauth_reauthorization_required', async () => {
    await start();
    const created = await register({ id: 'pending', pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: oauth2({ refreshToken: undefined }) } }).expect(201);
    expect(created.body.pop3.oauth2.authorized).toBe(false);
    expect(oauth.requests).toHaveLength(0);
    const answer = await request(gw.app).get('/accounts/pending/mailbox/stat').set('Authorization', ADMIN).expect(401);
    expect(answer.body.code).toBe('oauth_reauthorization_required');
    expect(answer.body.detail).toMatch(/consent/);
    expect(pop.fake.connections).toBe(0);
  });

  it('client_credentials (app-only) needs no refresh token', async () => {
    await start();
    const created = await register({ id: 'app', pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: oauth2({ refreshToken: undefined, grant: 'client_credentials', scope: 'pop' }) } }).expect(201);
    expect(created.body.pop3.oauth2).toMatchObject({ grant: 'client_credentials', authorized: true, scope: 'pop' });
    expect(oauth.grants('client_credentials')).toBe(1);
    await request(gw.app).get('/accounts/app/mailbox/stat').set('Authorization', ADMIN).expect(200);
  });

  it.each([
    [{ tokenUrl: undefined }, /pop3\.oauth2\.tokenUrl/],
    [{ tokenUrl: 'http://insecure.example/token' }, /pop3\.oauth2\.tokenUrl must be an https/],
    [{ clientId: undefined }, /pop3\.oauth2\.clientId is required/],
    [{ grant: 'client_credentials', clientSecret: undefined, refreshToken: undefined }, /pop3\.oauth2\.clientSecret/],
  ])('refuses oauth2 %j with 400 naming the field, before any I/O', async (change, detail) => {
    await start();
    const answer = await register({ pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: oauth2(change) } }).expect(400);
    expect(answer.body.detail).toMatch(detail);
    expect(oauth.requests).toHaveLength(0);
    expect(pop.fake.connections).toBe(0);
  });

  it('refuses a password beside oauth2, a password method with oauth2, and xoauth2 without oauth2', async () => {
    await start();
    const base = { host: pop.fake.host, port: pop.fake.port, user: USER };
    expect((await register({ pop3: { ...base, password: 'pw', oauth2: oauth2() } }).expect(400)).body.detail).toMatch(/not both/);
    expect((await register({ pop3: { ...base, auth: 'plain', oauth2: oauth2() } }).expect(400)).body.detail).toMatch(/pop3\.auth must be xoauth2/);
    expect((await register({ pop3: { ...base, auth: 'xoauth2', password: 'pw' } }).expect(400)).body.detail).toMatch(/needs pop3\.oauth2/);
    expect((await register({ pop3: { port: pop.fake.port, user: USER, oauth2: oauth2() } }).expect(400)).body.detail).toMatch(/pop3\.host is required/);
  });
});
