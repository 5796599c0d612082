import request from 'supertest';
import { resolveOAuthClient } from '../../../src/oauth/profiles';
import { TokenEndpoint } from '../../../src/oauth/token-endpoint';
import { memoryRefreshToken, TokenSource } from '../../../src/oauth/token-source';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startXoauth2Pop3, type Xoauth2Pop3 } from '../../support/xoauth2-pop3';

const API_TOKEN = 'single-mailbox-api-token';
const bearer = `Bearer ${API_TOKEN}`;

/** A single-mailbox gateway whose mailbox logs in with XOAUTH2, its tokens from the fake authorization server. */
describe('an OAuth2 mailbox served through the gateway', () => {
  let oauth: FakeOAuthServer;
  let pop: Xoauth2Pop3;
  let gw: HttpApp;
  let clock: number;
  let refreshToken: string;
  /** Tokens the POP3 server refuses although the authorization server issued them (revoked at the mail side). */
  let refusedAtServer: Set<string>;
  let refuseEveryToken: boolean;

  async function start(timeoutMs = 5000): Promise<void> {
    refreshToken = oauth.issueRefreshToken();
    const client = resolveOAuthClient({ provider: 'generic', tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken });
    const source = new TokenSource('alice-grant', 'refresh_token', new TokenEndpoint(client, { timeoutMs, fetch: oauth.fetch }), {
      timeoutMs,
      refreshTokens: memoryRefreshToken(refreshToken),
      reauthorizationRetryMs: 60_000,
      now: () => clock,
    });
    gw = httpAppFor(pop.fake, { timeoutMs, callerAuth: { mode: 'single', credentials: { user: 'alice', oauth: source }, apiTokens: [API_TOKEN] } });
  }

  beforeEach(async () => {
    clock = 1_700_000_000_000;
    refusedAtServer = new Set();
    refuseEveryToken = false;
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600 });
    pop = await startXoauth2Pop3([{ name: 'alice', messages: [simpleMessage({ subject: 'one' }), simpleMessage({ subject: 'two' })] }], (_user, token) => !refuseEveryToken && oauth.isValidAccessToken(token) && !refusedAtServer.has(token));
  });
  afterEach(async () => {
    await gw?.close();
    await pop.fake.close();
    await oauth.close();
  });

  it('serves the mailbox across several token lifetimes with exactly one refresh per lifetime under concurrent requests', async () => {
    await start();
    for (let lifetime = 1; lifetime <= 3; lifetime += 1) {
      // no-cache: every request logs in a fresh session, so every one needs the current token.
      const answers = await Promise.all(Array.from({ length: 6 }, () => request(gw.app).get('/messages').set('Authorization', bearer).set('Cache-Control', 'no-cache')));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(answers[0]!.body.total).toBe(2);
      expect(oauth.grants('refresh_token')).toBe(lifetime);
      clock += 3600_000;
    }
    const tokensUsed = new Set(pop.logins.map((l) => l.token));
    expect(tokensUsed.size).toBe(3);
    expect(pop.logins.length).toBeGreaterThanOrEqual(6);
    expect(pop.logins.every((l) => l.accepted && l.user === 'alice')).toBe(true);
  });

  it('a token the server refuses although it was believed valid: refresh once, log in once more', async () => {
    await start();
    const first = await request(gw.app).get('/mailbox/stat').set('Authorization', bearer).set('Cache-Control', 'no-cache');
    expect(first.status).toBe(200);
    refusedAtServer.add(pop.logins[0]!.token);
    const again = await request(gw.app).get('/mailbox/stat').set('Authorization', bearer).set('Cache-Control', 'no-cache');
    expect(again.status).toBe(200);
    expect(oauth.grants('refresh_token')).toBe(2);
    expect(pop.logins.map((l) => l.accepted)).toEqual([true, false, true]);
  });

  it('a server that refuses every token: one refresh, one retry, then 401 with the server\'s words, never a loop', async () => {
    await start();
    refuseEveryToken = true;
    const answer = await request(gw.app).get('/mailbox/stat').set('Authorization', bearer);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'unauthorized', pop3: { respCode: 'AUTH', text: 'Invalid credentials' } });
    expect(pop.logins).toHaveLength(2);
    expect(oauth.grants('refresh_token')).toBe(2);
  });

  it('invalid_grant: 401 oauth_reauthorization_required before any POP3 connection, and the endpoint is not asked again within the minute', async () => {
    await start();
    oauth.revokeRefreshTokens();
    const answer = await request(gw.app).get('/messages').set('Authorization', bearer);
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="popgate"');
    expect(answer.body).toMatchObject({ code: 'oauth_reauthorization_required', title: 'OAuth2 reauthorization required' });
    expect(answer.body.detail).toMatch(/consent again/);
    expect(pop.fake.connections).toBe(0);
    await request(gw.app).get('/messages').set('Authorization', bearer).expect(401);
    expect(oauth.grants('refresh_token')).toBe(1);
  });

  it('a token endpoint that answers 500: 503 upstream_unavailable with Retry-After; the mailbox works once it is back', async () => {
    await start();
    oauth.failWith = 'status500';
    const answer = await request(gw.app).get('/mailbox/stat').set('Authorization', bearer);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.body).toMatchObject({ code: 'upstream_unavailable' });
    expect(answer.body.detail).toMatch(/token endpoint answered HTTP 500/);
    oauth.failWith = null;
    await request(gw.app).get('/mailbox/stat').set('Authorization', bearer).expect(200);
  });

  it('a token endpoint that stalls: 503 once POP3_TIMEOUT_MS has passed, not later', async () => {
    await start(1500);
    oauth.failWith = 'stall';
    const started = Date.now();
    const answer = await request(gw.app).get('/mailbox/stat').set('Authorization', bearer);
    const elapsed = Date.now() - started;
    expect(answer.status).toBe(503);
    expect(answer.body.detail).toMatch(/did not answer within the timeout/);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(1500 + 5000);
  });

  it('no token or secret reaches a log line or an answer', async () => {
    await start();
    await request(gw.app).get('/messages').set('Authorization', bearer).expect(200);
    oauth.revokeRefreshTokens();
    clock += 3600_000;
    const refused = await request(gw.app).get('/messages').set('Authorization', bearer).set('Cache-Control', 'no-cache');
    const logs = gw.logText();
    for (const secret of [refreshToken, oauth.clientSecret, ...pop.logins.map((l) => l.token)]) {
      expect(logs).not.toContain(secret);
      expect(JSON.stringify(refused.body)).not.toContain(secret);
    }
  });
});
