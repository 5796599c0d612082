import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, spawnGateway, type GatewayProcess } from '../ops/gateway-process';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { simpleMessage } from '../../support/messages';
import { startXoauth2Pop3, type Xoauth2Pop3 } from '../../support/xoauth2-pop3';

/**
 * popgate as an operator runs it, configured by POP3_OAUTH_* only: the token endpoint is
 * reached with Node's own fetch and trust store, the test CA added by NODE_EXTRA_CA_CERTS.
 */
describe('single-mailbox OAuth2, as a process', () => {
  let oauth: FakeOAuthServer;
  let pop: Xoauth2Pop3;
  let gateway: GatewayProcess | undefined;
  let dir: string;

  beforeAll(async () => {
    await ensureBuilt();
  }, 300_000);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'popgate-oauth-'));
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600, rotate: true });
    pop = await startXoauth2Pop3([{ name: 'alice@example.com', messages: [simpleMessage({ subject: 'via oauth' })] }], (_user, token) => oauth.isValidAccessToken(token));
  });
  afterEach(async () => {
    await gateway?.stop();
    await pop.fake.close();
    await oauth.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('obtains a token over HTTPS trusted through NODE_EXTRA_CA_CERTS, logs in with XOAUTH2, and logs no secret', async () => {
    writeFileSync(join(dir, 'oauth-ca.pem'), oauth.caPem);
    writeFileSync(join(dir, 'pop3-ca.pem'), pop.fake.caPem!);
    const refreshToken = oauth.issueRefreshToken();
    gateway = await spawnGateway({
      NODE_EXTRA_CA_CERTS: join(dir, 'oauth-ca.pem'),
      POP3_OAUTH_PROVIDER: 'generic',
      POP3_HOST: pop.fake.host,
      POP3_PORT: String(pop.fake.port),
      POP3_CA_FILE: join(dir, 'pop3-ca.pem'),
      POP3_TLS_SERVERNAME: 'localhost',
      POP3_USER: 'alice@example.com',
      POP3_OAUTH_TOKEN_URL: oauth.tokenUrl,
      POP3_OAUTH_CLIENT_ID: oauth.clientId,
      POP3_OAUTH_CLIENT_SECRET: oauth.clientSecret,
      POP3_OAUTH_REFRESH_TOKEN: refreshToken,
      API_TOKENS: 'api-token-1',
      LOG_LEVEL: 'debug',
    });
    const answer = await fetch(`${gateway.baseUrl}/messages?headers=true`, { headers: { authorization: 'Bearer api-token-1' } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { total: number; items: Array<{ headers: { subject: string } }> };
    expect(body.total).toBe(1);
    expect(body.items[0]!.headers.subject).toBe('via oauth');
    expect(oauth.grants('refresh_token')).toBe(1);
    expect(pop.logins).toEqual([expect.objectContaining({ user: 'alice@example.com', accepted: true })]);

    const output = gateway.stdout() + gateway.stderr();
    expect(output).toMatch(/rotat.*will not survive a restart/);
    for (const secret of [refreshToken, oauth.clientSecret, pop.logins[0]!.token]) expect(output).not.toContain(secret);
  });

  it('without NODE_EXTRA_CA_CERTS the test CA is not trusted: 503, and the token endpoint saw no request', async () => {
    writeFileSync(join(dir, 'pop3-ca.pem'), pop.fake.caPem!);
    gateway = await spawnGateway({
      POP3_OAUTH_PROVIDER: 'generic',
      POP3_HOST: pop.fake.host,
      POP3_PORT: String(pop.fake.port),
      POP3_CA_FILE: join(dir, 'pop3-ca.pem'),
      POP3_TLS_SERVERNAME: 'localhost',
      POP3_USER: 'alice@example.com',
      POP3_OAUTH_TOKEN_URL: oauth.tokenUrl,
      POP3_OAUTH_CLIENT_ID: oauth.clientId,
      POP3_OAUTH_CLIENT_SECRET: oauth.clientSecret,
      POP3_OAUTH_REFRESH_TOKEN: oauth.issueRefreshToken(),
      API_TOKENS: 'api-token-1',
    });
    const answer = await fetch(`${gateway.baseUrl}/mailbox/stat`, { headers: { authorization: 'Bearer api-token-1' } });
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { detail: string }).detail).toMatch(/could not be reached/);
    expect(oauth.requests).toHaveLength(0);
    expect(pop.fake.connections).toBe(0);
  });
});
