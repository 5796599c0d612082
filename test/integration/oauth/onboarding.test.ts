import { createHash } from 'node:crypto';
import request from 'supertest';
import { resolveOAuthClient } from '../../../src/oauth/profiles';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startXoauth2Pop3, type Xoauth2Pop3 } from '../../support/xoauth2-pop3';

const ADMIN = 'Bearer admin-token';
const USER = 'recent:owner@gmail.example';
const REDIRECT = 'https://popgate.example.com/oauth2/callback';

/** The authorization code flow with PKCE against a fake authorization server that consents at once. */
describe('onboarding: GET /oauth2/authorize and /oauth2/callback', () => {
  let oauth: FakeOAuthServer;
  let pop: Xoauth2Pop3;
  let gw: HttpApp;
  let clock: number;

  beforeEach(async () => {
    clock = Date.now();
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600 });
    pop = await startXoauth2Pop3([{ name: USER, messages: [simpleMessage({ subject: 'consented' })] }], (_user, token) => oauth.isValidAccessToken(token));
    // The gmail profile, with the fake server's endpoints in place of Google's.
    const gmail = { ...resolveOAuthClient({ provider: 'gmail', clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: 'from-consent' }), tokenUrl: oauth.tokenUrl, authorizationUrl: oauth.authorizationUrl };
    gw = httpAppFor(pop.fake, {
      accounts: {
        secret: Buffer.alloc(32, 5),
        adminTokens: ['admin-token'],
        oauth: {
          fetch: oauth.fetch,
          now: () => clock,
          apps: { gmail: { clientId: oauth.clientId, clientSecret: oauth.clientSecret, tenant: 'common' }, outlook: null, redirectUrl: REDIRECT },
          onboarding: { redirectUrl: REDIRECT, apps: { gmail: { client: gmail } } },
        },
      },
    });
    // Awaiting consent: the gateway's gmail app, no refresh token yet.
    await request(gw.app)
      .post('/accounts')
      .set('Authorization', ADMIN)
      .send({ id: 'owner', pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: { provider: 'gmail', tokenUrl: oauth.tokenUrl } } })
      .expect(201);
  });
  afterEach(async () => {
    await gw.close();
    await pop.fake.close();
    await oauth.close();
  });

  /** What the browser does: follow the consent link to the provider, which redirects back with a code. */
  async function consent(location: string): Promise<URL> {
    const answer = await oauth.fetch(location, { method: 'GET', headers: {}, body: undefined, redirect: 'manual' });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location')!);
  }

  async function authorizeLink(): Promise<URL> {
    const answer = await request(gw.app).get('/oauth2/authorize?provider=gmail&account=owner').set('Authorization', ADMIN).expect(302);
    expect(answer.headers['cache-control']).toBe('no-store');
    return new URL(answer.headers.location as string);
  }

  it('consent with PKCE stores the refresh token in the account, which then serves its mailbox', async () => {
    const link = await authorizeLink();
    expect(`${link.origin}${link.pathname}`).toBe(oauth.authorizationUrl);
    expect(Object.fromEntries(link.searchParams)).toMatchObject({
      client_id: oauth.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'https://mail.google.com/',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      login_hint: 'owner@gmail.example',
    });
    const asJson = await request(gw.app).get('/oauth2/authorize?provider=gmail&account=owner').set('Authorization', ADMIN).set('Accept', 'application/json').expect(200);
    expect(asJson.body.url).toMatch(new RegExp(`^${oauth.authorizationUrl}\\?`));
    const back = await consent(link.href);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe(link.searchParams.get('state'));

    const done = await request(gw.app).get(`/oauth2/callback${back.search}`).expect(200);
    expect(done.body.pop3.oauth2).toMatchObject({ provider: 'gmail', clientId: oauth.clientId, grant: 'refresh_token', authorized: true });
    const exchange = oauth.requests.find((r) => r.grantType === 'authorization_code')!;
    expect(createHash('sha256').update(exchange.form.code_verifier!).digest('base64url')).toBe(link.searchParams.get('code_challenge'));
    expect(exchange.form.redirect_uri).toBe(REDIRECT);
    // The verifier travelled sealed inside the state, never in clear.
    expect(link.href).not.toContain(exchange.form.code_verifier!);

    const listing = await request(gw.app).get('/accounts/owner/messages?headers=true').set('Authorization', ADMIN).expect(200);
    expect(listing.body.items[0].headers.subject).toBe('consented');
    const stored = JSON.stringify(await gw.resources.accountStore.get('owner'));
    const refreshToken = oauth.requests.find((r) => r.grantType === 'refresh_token')!.form.refresh_token!;
    expect(stored).not.toContain(refreshToken);
    expect(gw.logText()).not.toContain(refreshToken);
    expect(gw.logText()).not.toContain(exchange.form.code!);
  });

  it('a code is exchanged once; an altered or expired state, or a refusal, is a 400 that stores nothing', async () => {
    const link = await authorizeLink();
    const back = await consent(link.href);
    await request(gw.app).get(`/oauth2/callback${back.search}`).expect(200);
    const replay = await request(gw.app).get(`/oauth2/callback${back.search}`).expect(400);
    expect(replay.body.detail).toMatch(/refused the code/);

    const state = back.searchParams.get('state')!;
    // One character of the sealed state changed (it was tested against the last one, so a
    // state whose third-to-last character already was 'A', one in 64, came back unaltered).
    const at = state.length - 3;
    const altered = `${state.slice(0, at)}${state[at] === 'A' ? 'B' : 'A'}${state.slice(at + 1)}`;
    expect(altered).not.toBe(state);
    expect((await request(gw.app).get(`/oauth2/callback?code=x&state=${encodeURIComponent(altered)}`).expect(400)).body.detail).toMatch(/state is not one this gateway issued/);
    expect((await request(gw.app).get('/oauth2/callback?code=x').expect(400)).body.detail).toMatch(/state/);

    const refused = await request(gw.app).get(`/oauth2/callback?error=access_denied&state=${encodeURIComponent(state)}`).expect(400);
    expect(refused.body.detail).toMatch(/did not grant access \(access_denied\)/);

    const later = await consent((await authorizeLink()).href);
    clock += 16 * 60_000;
    expect((await request(gw.app).get(`/oauth2/callback${later.search}`).expect(400)).body.detail).toMatch(/expired/);
    expect(oauth.grants('authorization_code')).toBe(2);
  });

  it('the consent link needs a token that reaches the account, an app for the provider and an OAuth2 account of it', async () => {
    await request(gw.app).get('/oauth2/authorize?provider=gmail&account=owner').expect(401);
    await request(gw.app).post('/accounts?verify=false').set('Authorization', ADMIN).send({ id: 'pw', pop3: { host: pop.fake.host, user: 'x', password: 'y' } }).expect(201);
    const bound = await request(gw.app).post('/tokens').set('Authorization', ADMIN).send({ account: 'pw', scopes: ['accounts:manage'] }).expect(201);
    await request(gw.app).get('/oauth2/authorize?provider=gmail&account=owner').set('Authorization', `Bearer ${bound.body.token}`).expect(404);
    expect((await request(gw.app).get('/oauth2/authorize?provider=outlook&account=owner').set('Authorization', ADMIN).expect(400)).body.detail).toMatch(/no outlook app/);
    expect((await request(gw.app).get('/oauth2/authorize?provider=yahoo&account=owner').set('Authorization', ADMIN).expect(400)).body.detail).toMatch(/provider/);
    await request(gw.app).get('/oauth2/authorize?provider=gmail&account=nobody').set('Authorization', ADMIN).expect(404);
    expect((await request(gw.app).get('/oauth2/authorize?provider=gmail&account=pw').set('Authorization', ADMIN).expect(400)).body.detail).toMatch(/not an OAuth2 account/);
    expect(oauth.requests).toHaveLength(0);
  });
});
