import request from 'supertest';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';
import { startXoauth2Pop3, type Xoauth2Pop3 } from '../../support/xoauth2-pop3';

const ADMIN = 'Bearer admin-token';
const USER = 'shared@example.com';
const SECRET = Buffer.alloc(32, 3);

/** Two instances over one Redis serving the same registered OAuth2 account. */
describe('registered OAuth2 accounts across instances', () => {
  let redis: TestRedis;
  let oauth: FakeOAuthServer;
  let pop: Xoauth2Pop3;
  let a: HttpApp;
  let b: HttpApp;
  let clock: number;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.close();
  });
  beforeEach(async () => {
    clock = Date.now();
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600, rotate: true });
    pop = await startXoauth2Pop3([{ name: USER, messages: [simpleMessage()] }], (_user, token) => oauth.isValidAccessToken(token));
    const options = { redisUrl: redis.url, accounts: { secret: SECRET, adminTokens: ['admin-token'], oauth: { fetch: oauth.fetch, now: () => clock } } };
    a = httpAppFor(pop.fake, options);
    b = httpAppFor(pop.fake, options);
    await a.resources.storeConnection!.run((r) => r.flushall());
    await request(a.app)
      .post('/accounts')
      .set('Authorization', ADMIN)
      .send({ id: 'shared', pop3: { host: pop.fake.host, port: pop.fake.port, user: USER, oauth2: { provider: 'generic', tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: oauth.issueRefreshToken() } } })
      .expect(201);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await pop.fake.close();
    await oauth.close();
  });

  it('refresh once between them per lifetime, with the rotated refresh token each instance reads from the account', async () => {
    for (let lifetime = 1; lifetime <= 2; lifetime += 1) {
      clock += 3600_000;
      const answers = await Promise.all([a, b, a, b].map((gw) => request(gw.app).get('/accounts/shared/mailbox/stat').set('Authorization', ADMIN).set('Cache-Control', 'no-cache')));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      // The verification at registration was the first.
      expect(oauth.grants('refresh_token')).toBe(1 + lifetime);
    }
  });

  it('after invalid_grant on one instance, the other answers 401 without asking the endpoint, until a new consent', async () => {
    oauth.revokeRefreshTokens();
    clock += 3600_000;
    await request(a.app).get('/accounts/shared/messages').set('Authorization', ADMIN).expect(401);
    const asked = oauth.requests.length;
    await waitFor(async () => (await request(b.app).get('/accounts/shared').set('Authorization', ADMIN)).body.state.status === 'authentication_failed', { what: 'the stored status' });
    const refused = await request(b.app).get('/accounts/shared/messages').set('Authorization', ADMIN).set('Cache-Control', 'no-cache').expect(401);
    expect(refused.body.code).toBe('oauth_reauthorization_required');
    expect(oauth.requests).toHaveLength(asked);

    await request(b.app).patch('/accounts/shared').set('Authorization', ADMIN).send({ pop3: { oauth2: { refreshToken: oauth.issueRefreshToken() } } }).expect(200);
    await request(a.app).get('/accounts/shared/messages').set('Authorization', ADMIN).expect(200);
  });
});
