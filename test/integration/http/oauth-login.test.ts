/**
 * Single-mailbox mode with an access token (POP3_ACCESS_TOKEN, POP3_AUTH=xoauth2 or
 * oauthbearer) against the providers' dialogues: an accepted token serves the mailbox; a
 * refused one is 401 with the server's -ERR words in pop3.text and Gmail's decoded challenge
 * in pop3.challenge, never the token.
 */
import request from 'supertest';
import type { AuthMethod } from '../../../src/pop3/types';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { GMAIL_ERROR_CHALLENGE, ProviderPop3Server, type ProviderMode } from '../../support/provider-pop3-server';

const USER = 'alice@example.com';
const TOKEN = 'ya29.a0-valid-access-token';
const API_TOKEN = 'caller-token-1';
const MESSAGE = Buffer.from('Subject: hi\r\n\r\nhello\r\n');
const asCaller = `Bearer ${API_TOKEN}`;

describe('OAuth2 access tokens through the HTTP API (single-mailbox mode)', () => {
  const servers: ProviderPop3Server[] = [];
  const apps: HttpApp[] = [];

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((gw) => gw.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function gatewayFor(mode: ProviderMode, accessToken: string, auth: AuthMethod = 'xoauth2'): Promise<{ gw: HttpApp; server: ProviderPop3Server }> {
    const server = await ProviderPop3Server.start({ mode, users: { [USER]: { tokens: new Set([TOKEN]) } }, messages: [MESSAGE] });
    servers.push(server);
    const gw = httpAppFor(server.fake, { auth, callerAuth: { mode: 'single', credentials: { user: USER, accessToken }, apiTokens: [API_TOKEN] } });
    apps.push(gw);
    return { gw, server };
  }

  it.each([['gmail', 'xoauth2'], ['gmail', 'oauthbearer'], ['outlook', 'xoauth2']] as const)(
    'serves the mailbox when %s accepts the token (%s)',
    async (mode, auth) => {
      const { gw, server } = await gatewayFor(mode, TOKEN, auth);
      const res = await request(gw.app).get('/mailbox/stat').set('Authorization', asCaller).expect(200);
      expect(res.body).toMatchObject({ count: 1, size: MESSAGE.length });
      expect(server.authAttempts).toMatchObject({ [auth]: 1, oneLine: 0, accepted: 1 });
    },
  );

  it("answers Gmail's refusal with 401, the -ERR words in pop3.text and the decoded challenge in pop3.challenge", async () => {
    const { gw, server } = await gatewayFor('gmail', 'ya29.expired-token');
    const res = await request(gw.app).get('/mailbox/stat').set('Authorization', asCaller).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body).toMatchObject({
      code: 'unauthorized',
      pop3: { respCode: 'AUTH', text: 'Invalid credentials.', challenge: GMAIL_ERROR_CHALLENGE },
    });
    expect(res.body.detail).toMatch(/OAuth2 access token/);
    expect(server.transcript).toContain(''); // the empty line that answers the challenge
    expect(res.text + gw.logText()).not.toContain('ya29.expired-token');
  });

  it("answers Microsoft's refusal with 401, its words and a hint, and no challenge", async () => {
    const { gw, server } = await gatewayFor('outlook', 'eyJ0eXAi.expired');
    const res = await request(gw.app).get('/mailbox/stat').set('Authorization', asCaller).expect(401);
    expect(res.body.pop3).toEqual({ respCode: null, text: 'Authentication failure: unknown user name or bad password.' });
    expect(res.body.detail).toMatch(/POP\.AccessAsUser\.All/);
    expect(server.authAttempts).toMatchObject({ oneLine: 0, refused: 1 });
    expect(res.text + gw.logText()).not.toContain('eyJ0eXAi.expired');
  });
});
